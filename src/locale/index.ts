export { LOCALES, type Locale, type MessageParams } from "./types.ts";
export { catalogue, placeholders, translate, translator, type MessageKey, type Translate } from "./translate.ts";
