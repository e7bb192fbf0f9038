/** `constructor`, `hasOwnProperty`, `__proto__`, …: names an object lookup would find on every object. */
export const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const INHERITED_NAME_MESSAGE = "a name every JavaScript object inherits (such as constructor or __proto__) is not allowed";
