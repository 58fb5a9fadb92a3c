import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { translate, type ConsoleKey, type ConsoleLang, type Params } from '../../../shared/i18n/console';

export interface I18n {
  lang: ConsoleLang;
  setLang(lang: ConsoleLang): void;
  t(key: ConsoleKey, params?: Params): string;
}

const STORAGE_KEY = 'qrhop.lang';

function initialLang(): ConsoleLang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const I18nContext = createContext<I18n>({ lang: 'vi', setLang: () => {}, t: (key, params) => translate('vi', key, params) });

/** Vietnamese by default; the choice is remembered on this browser. */
export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<ConsoleLang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({
    lang,
    setLang(next) {
      setLangState(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
    },
    t: (key, params) => translate(lang, key, params),
  }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
