// Minimal typing of fengari 0.1.5 (Lua 5.3 in JS). The C-like API is wide and untyped upstream;
// we type the state as an opaque handle and the namespaces loosely, and keep the wrappers that
// use them small (src/runtime/script/lua-*.ts).
declare module 'fengari' {
  /** A `lua_State` (main state or thread). */
  export type LuaState = { readonly __luaState: unique symbol };
  export type LuaJsFunction = (L: LuaState) => number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Api = Record<string, any>;
  export const lua: Api;
  export const lauxlib: Api;
  export const lualib: Api;
  export function to_luastring(s: string, cache?: boolean): Uint8Array;
  export function to_jsstring(b: Uint8Array, from?: number, to?: number, replacementChar?: boolean): string;
  export function to_uristring(b: Uint8Array): string;
  export const FENGARI_VERSION: string;
}
