import { useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n';

/**
 * A read-only URL with a copy button. The Clipboard API needs a secure context,
 * which a laptop reached by its LAN address over http is not: fall back to
 * selecting the text and the old copy command.
 */
export function CopyField({ value, label }: { value: string; label: string }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
        ok = true;
      }
    } catch {
      ok = false;
    }
    if (!ok && input.current) {
      input.current.select();
      ok = document.execCommand('copy');
    }
    setCopied(ok);
    if (ok) setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div class="copy-field">
      <input ref={input} readOnly value={value} aria-label={label} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" class="btn btn-small" onClick={copy} aria-live="polite">{copied ? t('code.copied') : t('code.copy')}</button>
    </div>
  );
}
