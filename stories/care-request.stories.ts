import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { activeTask, backendFailing, backendSlow, chatInProgress, conflictWarning, empty, previewing, scenario, sceneOf, validationErrors } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** `request-id` is the one the story applies; the manifest adds the other rows. */
type Args = { 'request-id': string } & Record<string, unknown>;

/**
 * Title and description with their limits, status and dates, the auto-close
 * date, read-only states and conflicts (R6, R7, R8, R18, R23, R28). Without
 * `request-id` it follows the request of the activity in focus.
 */
const meta = {
  title: 'Elements/care-request',
  component: 'care-request',
  args: { 'request-id': '' },
  render: (args, context) =>
    inProvider(sceneOf(context), html`<care-request request-id=${ifDefined(args['request-id'] || undefined)}></care-request>`),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No activity in focus. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** The open request of the chat in progress: editable, with the date it closes by itself (R18). */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** A closed request of the same customer: read-only, says why (R28). */
export const Closed: Story = {
  loaders: [scenario(chatInProgress)],
  render: (args, context) => {
    const scene = sceneOf(context);
    const id = args['request-id'] || scene.closedRequest(activeTask(scene).customerId ?? '').id;
    return inProvider(scene, html`<care-request request-id=${id}></care-request>`);
  },
};

/** A queued chat being previewed: read-only until accepted (R25). */
export const Previewing: Story = { loaders: [scenario(previewing)] };

/** R6: a colleague saved the title while Alex was editing it. Load their changes, then Restore my text. */
export const ConflictWarning: Story = { loaders: [scenario(conflictWarning)] };

/** A 2,001-character description: the counter, a clear message, Save disabled, the text kept (R7, R23). */
export const ValidationErrors: Story = { loaders: [scenario(validationErrors)] };

/** The service is down: the request cannot load; Retry is offered. */
export const BackendFailing: Story = { loaders: [scenario(backendFailing)] };

/** Every call takes 3 seconds: the loading state, then the request. */
export const BackendSlow: Story = { loaders: [scenario(backendSlow)] };
