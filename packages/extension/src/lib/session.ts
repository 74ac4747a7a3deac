import { browserLocale } from './i18n';
import { type Session, send } from './messages';

/** The rep's session as the background gives it; unconfigured if the background cannot say. */
export async function loadSession(): Promise<Session> {
  const reply = await send('session:get', null);
  if (reply.ok) return reply.value;
  return {
    configured: false,
    locale: browserLocale(navigator.language),
    ownEmail: null,
    neverLog: [],
  };
}
