import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { backendFailing, backendSlow, chatInProgress, conflictWarning, empty, newCustomerChat, previewing, scenario, sceneOf, validationErrors } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** `customer-id` is the one the story applies; the manifest adds the other rows. */
type Args = { 'customer-id': string } & Record<string, unknown>;

/**
 * The customer's details and form: create, edit, save, cancel, conflicts
 * (R6, R10, R17, R24, R27). Click the name to open the form. Without
 * `customer-id` it follows the shown task.
 */
const meta = {
  title: 'Elements/care-customer',
  component: 'care-customer',
  args: { 'customer-id': '' },
  render: (args, context) =>
    inProvider(sceneOf(context), html`<care-customer customer-id=${ifDefined(args['customer-id'] || undefined)}></care-customer>`),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No task, no customer. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** A known customer while their chat is in progress: Edit is available. */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** Someone unknown: the form is prefilled from the chat, with Create (R27). */
export const NewCustomer: Story = { loaders: [scenario(newCustomerChat)] };

/** A queued chat being previewed: read-only, and says why (R25). */
export const Previewing: Story = { loaders: [scenario(previewing)] };

/** R6: a colleague saved a new phone number while Alex was changing it. Load, then Restore or Forget. */
export const ConflictWarning: Story = { loaders: [scenario(conflictWarning)] };

/** An email without its domain: the field says what is wrong and Save stays disabled; the text is kept (R23). */
export const ValidationErrors: Story = { loaders: [scenario(validationErrors)] };

/** The service is down: the customer cannot load; Retry is offered. */
export const BackendFailing: Story = { loaders: [scenario(backendFailing)] };

/** Every call takes 3 seconds: the loading state, then the customer. */
export const BackendSlow: Story = { loaders: [scenario(backendSlow)] };
