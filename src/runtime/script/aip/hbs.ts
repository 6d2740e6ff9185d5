/**
 * `aip.hbs` (§8.11): render a Handlebars template with the prompt engine (§2.6).
 */
import type { ModuleCatalog } from '../catalog';
import { argString } from '../catalog';
import { errorMessage } from '../../errors';
import { renderTemplateAny } from '../../run/handlebars';

export const hbsCatalog: ModuleCatalog = {
  module: 'hbs',
  doc: 'Handlebars rendering with the same engine and rules as prompt sections.',
  entries: [
    {
      name: 'render',
      signature: 'aip.hbs.render(template: string, data: any) -> string',
      doc: [
        'Render a Handlebars template with `data` as the root context, exactly as prompt sections are rendered: no HTML escaping, missing values render empty, helpers `if unless each with lookup raw log eq ne gt gte lt lte and or not len`, inline partials.',
        '',
        '- `template`: the Handlebars template.',
        '- `data`: any value (usually a table) used as the root context.',
        '',
        'Returns the rendered text. Errors on a template syntax error or an unknown helper.',
        '',
        'Example: `aip.hbs.render("Hello {{name}}", {name = "World"}) -- "Hello World"`',
      ].join('\n'),
      impl: (call, template, data) => {
        const tpl = argString(call, template, 'template');
        try {
          return renderTemplateAny(tpl, data);
        } catch (err) {
          throw new Error(`${call.fnName} - ${errorMessage(err)}`);
        }
      },
    },
  ],
};
