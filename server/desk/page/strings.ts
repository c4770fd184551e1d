/**
 * The desk page's own words (the kit's elements bring theirs), in the kit's
 * three languages. The page follows the browser's language, as the kit's
 * elements follow the page's `lang`.
 */
export type DeskLanguage = 'en' | 'ko' | 'cs';

export interface DeskStrings {
  title: string;
  intro: string;
  login: string;
  password: string;
  signIn: string;
  signingIn: string;
  signOut: string;
  signedInAs: string;
  language: string;
  checking: string;
  missing: string;
  wrong: string;
  unreachable: string;
  sessionEnded: string;
}

const en: DeskStrings = {
  title: 'Sign in to the Care desk',
  intro: 'Use the login and password your team lead gave you.',
  login: 'Login',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name}',
  language: 'Language',
  checking: 'Checking your session…',
  missing: 'Enter your login and your password.',
  wrong: 'The login or the password is wrong.',
  unreachable: 'The server cannot be reached. Try again in a moment.',
  sessionEnded: 'Your session has ended. Sign in again.',
};

const ko: DeskStrings = {
  title: 'Care 데스크 로그인',
  intro: '팀장에게 받은 아이디와 비밀번호를 입력하세요.',
  login: '아이디',
  password: '비밀번호',
  signIn: '로그인',
  signingIn: '로그인 중…',
  signOut: '로그아웃',
  signedInAs: '{name}(으)로 로그인됨',
  language: '언어',
  checking: '세션을 확인하는 중…',
  missing: '아이디와 비밀번호를 입력하세요.',
  wrong: '아이디 또는 비밀번호가 올바르지 않습니다.',
  unreachable: '서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요.',
  sessionEnded: '세션이 종료되었습니다. 다시 로그인하세요.',
};

const cs: DeskStrings = {
  title: 'Přihlášení do pracoviště Care',
  intro: 'Použijte přihlašovací jméno a heslo od vedoucího týmu.',
  login: 'Přihlašovací jméno',
  password: 'Heslo',
  signIn: 'Přihlásit se',
  signingIn: 'Přihlašování…',
  signOut: 'Odhlásit se',
  signedInAs: 'Přihlášen(a) jako {name}',
  language: 'Jazyk',
  checking: 'Ověřování relace…',
  missing: 'Zadejte přihlašovací jméno a heslo.',
  wrong: 'Přihlašovací jméno nebo heslo není správné.',
  unreachable: 'Server není dostupný. Zkuste to za chvíli znovu.',
  sessionEnded: 'Vaše relace skončila. Přihlaste se znovu.',
};

const TABLES: Record<DeskLanguage, DeskStrings> = { en, ko, cs };

/** The languages, each named in itself, for the language picker. */
export const LANGUAGES: readonly (readonly [DeskLanguage, string])[] = [
  ['en', 'English'],
  ['ko', '한국어'],
  ['cs', 'Čeština'],
];

/** The first of the browser's languages the desk speaks (`ko-KR` counts as `ko`); English otherwise. */
export function pickLanguage(preferred: readonly string[]): DeskLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'ko' || base === 'cs') return base;
  }
  return 'en';
}

/** The strings of `lang`, English for anything else. */
export function stringsFor(lang: string): DeskStrings {
  const base = lang.toLowerCase().split('-')[0];
  return base === 'ko' || base === 'cs' || base === 'en' ? TABLES[base] : en;
}
