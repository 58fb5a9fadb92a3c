import { useEffect, useRef, useState } from 'preact/hooks';
import { dayToText, textToDay, textToTime } from '../format/typed-date';
import { useI18n } from '../i18n/i18n';

interface InputProps {
  name?: string;
  id?: string;
  required?: boolean;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
}

interface TypedProps extends InputProps {
  /** ISO day ("2026-12-05") or time ("08:30"); '' when empty. */
  value: string;
  onValue(value: string): void;
}

/**
 * A text field for a day or a time: shows and accepts the console's format, hands out ISO.
 * While the text is not a valid value the browser's own validation blocks the form's submit
 * with a message saying how to write it (setCustomValidity).
 */
function TypedField({ value, onValue, kind, ...rest }: TypedProps & { kind: 'day' | 'time' }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const show = (v: string) => (kind === 'day' ? dayToText(v) : v);
  const parse = kind === 'day' ? textToDay : textToTime;
  const [text, setText] = useState(show(value));
  // Follow a value set from outside (another field, a reset) unless the text already means it.
  useEffect(() => {
    if (parse(text) !== value) setText(show(value));
  }, [value]);
  const invalid = parse(text) === null;
  useEffect(() => {
    input.current?.setCustomValidity(invalid ? t(kind === 'day' ? 'date.invalid' : 'time.invalid') : '');
  }, [invalid, t]);
  return (
    <input
      ref={input}
      {...rest}
      type="text"
      inputMode={kind === 'day' ? 'numeric' : 'text'}
      autoComplete="off"
      placeholder={t(kind === 'day' ? 'date.placeholder' : 'time.placeholder')}
      size={kind === 'day' ? 10 : 5}
      value={text}
      aria-invalid={invalid || rest['aria-invalid'] === true}
      onInput={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parse(next);
        if (parsed !== null) onValue(parsed);
      }}
      onBlur={() => {
        const parsed = parse(text);
        if (parsed) setText(show(parsed));
      }}
    />
  );
}

export const DayField = (props: TypedProps) => <TypedField {...props} kind="day" />;
export const TimeField = (props: TypedProps) => <TypedField {...props} kind="time" />;
