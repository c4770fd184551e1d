import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { FIELD_MAX } from '../src/model/limits.js';
import { typeInto } from './support/play.js';
import { activeTask, backendFailing, backendSlow, chatInProgress, empty, overLimit, previewing, scenario, sceneOf, type Scenario } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** `activity-id` is the one the story applies; the manifest adds the other rows. */
type Args = { 'activity-id': string } & Record<string, unknown>;

/** An earlier activity of the customer in progress that colleagues left notes on. */
function noted(scene: Scenario): string {
  return scene.notedActivity(activeTask(scene).customerId ?? '').id;
}

/**
 * The comments of an activity and a composer (R20, R23). Ctrl+Enter adds a
 * comment. Without `activity-id` it follows the activity in focus.
 */
const meta = {
  title: 'Elements/care-comments',
  component: 'care-comments',
  args: { 'activity-id': '' },
  render: (args, context) =>
    inProvider(sceneOf(context), html`<care-comments activity-id=${ifDefined(args['activity-id'] || undefined)}></care-comments>`),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No activity in focus. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** The new chat's activity: no comments yet, and the composer. */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** An earlier activity with colleagues' notes; comments can still be added while the customer is in progress. */
export const WithComments: Story = {
  loaders: [scenario(chatInProgress)],
  render: (args, context) => {
    const scene = sceneOf(context);
    return inProvider(scene, html`<care-comments activity-id=${args['activity-id'] || noted(scene)}></care-comments>`);
  },
};

/** A queued chat being previewed: comments are shown, the composer is not (R25). */
export const Previewing: Story = { loaders: [scenario(previewing)] };

/** A comment of 2,001 characters: the counter and a clear message, the text kept (R23). */
export const ValidationErrors: Story = {
  loaders: [scenario(chatInProgress)],
  play: ({ canvasElement }) => typeInto(canvasElement, 'care-comments', '#comment', overLimit(FIELD_MAX + 1)),
};

/** The service is down: the comments cannot load; Retry is offered. */
export const BackendFailing: Story = {
  loaders: [scenario(backendFailing)],
  render: WithComments.render,
};

/** Every call takes 3 seconds: the loading state, then the comments. */
export const BackendSlow: Story = {
  loaders: [scenario(backendSlow)],
  render: WithComments.render,
};
