import type { FoyerApp } from '../app.js';
import type { Services } from '../services.js';
import type { Gateway } from '../realtime/gateway.js';
import { sessionRoutes } from './session.js';
import { peopleRoutes } from './people.js';
import { adminRoutes } from './admin.js';
import { spaceRoutes } from './spaces.js';
import { postRoutes } from './posts.js';
import { feedRoutes } from './feed.js';
import { notificationRoutes } from './notifications.js';
import { realtimeRoutes } from './realtime.js';
import { imageRoutes } from './images.js';
import { chatRoutes } from './chat.js';
import { labelRoutes } from './labels.js';
import { audienceRoutes } from './audience.js';
import { shareRoutes } from './shares.js';
import { nudgeRoutes } from './nudges.js';
import { governanceRoutes } from './governance.js';
import { moderationRoutes } from './moderation.js';

export async function registerRoutes(app: FoyerApp, svc: Services, gateway: Gateway): Promise<void> {
  await imageRoutes(app, svc);
  await sessionRoutes(app, svc);
  await peopleRoutes(app, svc);
  await adminRoutes(app, svc);
  await spaceRoutes(app, svc);
  await postRoutes(app, svc);
  await feedRoutes(app, svc);
  await notificationRoutes(app, svc);
  await chatRoutes(app, svc);
  await labelRoutes(app, svc);
  await audienceRoutes(app, svc);
  await shareRoutes(app, svc);
  await nudgeRoutes(app, svc);
  await governanceRoutes(app, svc);
  await moderationRoutes(app, svc);
  await realtimeRoutes(app, svc, gateway);
}
