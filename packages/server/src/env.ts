import type { Core, Locale, Principal } from '@guanxi/core';
import type { Logger } from 'pino';

/** What every request carries once the middleware has run. */
export interface AppEnv {
  Variables: {
    core: Core;
    logger: Logger;
    requestId: string;
    principal: Principal;
    locale: Locale;
    /** Answers are checked against their routes' declared responses (tests). */
    checkResponses: boolean;
  };
}
