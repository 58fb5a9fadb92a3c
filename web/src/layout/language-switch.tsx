import { useI18n } from '../i18n/i18n';

/** Shows the other language's own name: "English" in Vietnamese, "Tiếng Việt" in English. */
export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  const other = lang === 'vi' ? 'en' : 'vi';
  return (
    <button type="button" class="btn-link lang-switch" lang={other} onClick={() => setLang(other)}>
      {other === 'en' ? 'English' : 'Tiếng Việt'}
    </button>
  );
}
