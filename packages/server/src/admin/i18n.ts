import { createContext, useContext } from 'hono/jsx';
import { MESSAGES, type Messages } from './messages';

/** The page's strings, provided once by `render` so components need not pass them down. */
export const MessagesContext = createContext<Messages>(MESSAGES.en);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}
