import { customerRoutes } from './customers';
import { interactionRoutes } from './interactions';
import { libraryRoutes } from './library';
import { opportunityRoutes } from './opportunities';
import { reportRoutes } from './reports';
import { vocabularyRoute } from './vocabulary';

/** Every route of the plugin, served at /v1/teams/<team>/plugins/development/. */
export const routes = [
  vocabularyRoute,
  ...customerRoutes,
  ...opportunityRoutes,
  ...interactionRoutes,
  ...libraryRoutes,
  ...reportRoutes,
];
