import { html, type TemplateResult } from 'lit';
import type { Scenario } from './scenario.js';
import { scenarioBar } from './scenario-bar.js';

/** `content` inside a care-provider for the scenario's store, with the scenario controls under it. */
export function inProvider(scene: Scenario, content: TemplateResult): TemplateResult {
  return html`<care-provider .store=${scene.store}>${content}</care-provider>${scenarioBar(scene)}`;
}
