/**
 * The browser entry of the desk the reference server serves (bundled in
 * memory at server start by ../assets.ts). The page speaks the browser's
 * language when it is one of the kit's (en, ko, cs), as do the kit's elements.
 */
import '../../../src/define.js';
import { CareDeskApp } from './desk-app.js';
import { pickLanguage } from './strings.js';

document.documentElement.lang = pickLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
document.body.append(new CareDeskApp());
