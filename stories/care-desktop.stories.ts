import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { FIELD_MAX } from '../src/model/limits.js';
import { typeInto } from './support/play.js';
import {
  LONG_TAG,
  backendFailing,
  backendSlow,
  busyQueue,
  callInProgress,
  chatInProgress,
  conflictWarning,
  empty,
  longJourney,
  newCustomerChat,
  offerCountingDown,
  offline,
  overLimit,
  scenario,
  sceneOf,
  validationErrors,
} from './support/scenario.js';
import { scenarioBar } from './support/scenario-bar.js';

/** `brand` is the slot's text (empty keeps the default title); the other args are the manifest's rows. */
type Args = { brand: string } & Record<string, unknown>;

/**
 * The whole desk for Alex Morgan (`agent-1`) on the embedded engine. Each
 * story opens on a named scenario; the scenario controls under the desk move
 * the virtual clock, bring in contacts, have a colleague edit and break the
 * backend.
 */
const meta = {
  title: 'Elements/care-desktop',
  component: 'care-desktop',
  args: { brand: '' },
  argTypes: { brand: { control: 'text' } },
  render: ({ brand }, context) => {
    const scene = sceneOf(context);
    return html`<care-desktop .store=${scene.store}>${brand ? html`<strong slot="brand">${brand}</strong>` : nothing}</care-desktop>
      ${scenarioBar(scene)}`;
  },
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** Signed in, Not Ready, nothing waiting. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** A dozen chats and calls in the pick queue, the oldest waiting a quarter of an hour (R1, R26). */
export const BusyQueue: Story = { loaders: [scenario(busyQueue)] };

/** Ready, with a chat offered 11 minutes ago: 4:00 left of the 15 (R12, R13). Let the clock run, or add 15 minutes. */
export const OfferCountingDown: Story = { loaders: [scenario(() => offerCountingDown())] };

/** A returning customer's chat in progress: transcript, composer, journey, request, activity and comments (R3, R4, R15). */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** A call in progress: the call information with its running time instead of a transcript (R15). */
export const CallInProgress: Story = { loaders: [scenario(callInProgress)] };

/** A chat from someone unknown: the customer form is prefilled from the chat; Close asks about creating them (R11, R27). */
export const NewCustomer: Story = { loaders: [scenario(newCustomerChat)] };

/** R6: a colleague saved the request title and the customer's phone while Alex was editing both. */
export const ConflictWarning: Story = { loaders: [scenario(conflictWarning)] };

/** A customer with 5,000 activities: the journey is virtualised and stays smooth (R16). */
export const LongJourney: Story = { loaders: [scenario(() => longJourney())] };

/**
 * R7, R9, R23: a 2,001-character description, an email without its domain,
 * a 51-character tag, and chat and comment text over 2,000 characters. All
 * kept as typed; nothing can be saved until it is fixed.
 */
export const ValidationErrors: Story = {
  loaders: [scenario(validationErrors)],
  play: async ({ canvasElement }) => {
    await typeInto(canvasElement, 'care-activity', '#tag-input', LONG_TAG, true);
    await typeInto(canvasElement, 'care-comments', '#comment', overLimit(FIELD_MAX + 1));
    await typeInto(canvasElement, 'care-communication', '#message', overLimit(FIELD_MAX + 5));
  },
};

/** The service stops answering after the chat was accepted: each pane shows its error with Retry; nothing typed is lost. */
export const BackendFailing: Story = { loaders: [scenario(backendFailing)] };

/** Every call takes 3 seconds: loading states first, then the data; actions show that they are under way. */
export const BackendSlow: Story = { loaders: [scenario(backendSlow)] };

/** The link dropped during a chat: the desk says so and keeps unsaved work; "Back online" in the controls reconnects. */
export const Offline: Story = { loaders: [scenario(offline)] };
