import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { backendFailing, backendSlow, chatInProgress, empty, longJourney, previewing, scenario, sceneOf } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** `customer-id` is the one the story applies; the manifest adds the other rows. */
type Args = { 'customer-id': string } & Record<string, unknown>;

/**
 * The customer journey, virtualised (R16): hover or focus a row for its
 * information (R2), drag an activity's handle or press it for the Move
 * dialog (R29), Add request (R21). Without `customer-id` it follows the shown task.
 */
const meta = {
  title: 'Elements/care-journey',
  component: 'care-journey',
  args: { 'customer-id': '' },
  render: (args, context) =>
    inProvider(sceneOf(context), html`<care-journey customer-id=${ifDefined(args['customer-id'] || undefined)}></care-journey>`),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No task, no customer: nothing to list. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** A returning customer's journey while their chat is in progress: moves and Add request are available. */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** A queued chat being previewed: the journey is read-only (R25). */
export const Previewing: Story = { loaders: [scenario(previewing)] };

/** 5,000 activities in 1,000 requests: about 40 rows in the DOM at any time. */
export const LongJourney: Story = { loaders: [scenario(() => longJourney())] };

/** The service is down: the journey fails to load and offers Retry. */
export const BackendFailing: Story = { loaders: [scenario(backendFailing)] };

/** Every call takes 3 seconds: the loading state, then the journey. */
export const BackendSlow: Story = { loaders: [scenario(backendSlow)] };
