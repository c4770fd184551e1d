/**
 * The kit's languages. Importing this module registers the bundled
 * translations (a side effect); English is always there.
 */
import { cs } from './cs.js';
import { ko } from './ko.js';
import { registerTranslations } from './localize.js';

registerTranslations('ko', ko);
registerTranslations('cs', cs);

export { registerTranslations, translate, availableLanguages, LocaleController } from './localize.js';
export type { StringKey, Translations } from './en.js';
