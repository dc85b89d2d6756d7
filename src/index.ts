// Forge entry points: every handler named in manifest.yml, grouped by module kind.

// Product triggers
export { onRequestChanged } from './triggers/request-changed';

// Scheduled triggers
export { onSlaWatch } from './triggers/sla-watch';
