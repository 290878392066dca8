/** Long text from a register, cut at `limit` characters with a button to read the rest. */
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { t } from '../lib/i18n';

/** True where the page has no script to open the rest (the console renders on the server). */
export const ShowWholeText = createContext(false);

export function ShowMore({ text, limit = 240 }: { text: string; limit?: number }) {
  const [open, setOpen] = useState(false);
  const whole = useContext(ShowWholeText);
  if (text.length <= limit || whole) return <span class="long-text">{text}</span>;
  return (
    <span class="long-text">
      {open ? text : `${text.slice(0, limit).trimEnd()}…`}{' '}
      <button type="button" class="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('showLess') : t('showMore')}
      </button>
    </span>
  );
}
