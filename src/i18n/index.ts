/**
 * The kit's languages. Importing this module registers where the bundled
 * Korean and Czech tables are loaded from (a side effect): each is fetched
 * the first time an element meets its `lang`. English is always there.
 */
import { registerLanguageLoader } from './localize.js';

registerLanguageLoader('ko', () => import('./ko.js').then((module) => module.ko));
registerLanguageLoader('cs', () => import('./cs.js').then((module) => module.cs));

export { availableLanguages, loadLanguage, LocaleController, registerLanguageLoader, registerTranslations, translate } from './localize.js';
export type { StringKey, Translations } from './en.js';
