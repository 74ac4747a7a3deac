import { createContext, useContext } from 'hono/jsx';
import type { TeamView } from './env';
import { MESSAGES, type Messages } from './messages';

/** The page's strings, provided once by `render` so components need not pass them down. */
export const MessagesContext = createContext<Messages>(MESSAGES.en);

export function useMessages(): Messages {
  return useContext(MessagesContext);
}

/** The team of the page, its viewer's role and plugin pages, for the navigation. */
export const TeamContext = createContext<TeamView | undefined>(undefined);

export function useTeamView(): TeamView | undefined {
  return useContext(TeamContext);
}
