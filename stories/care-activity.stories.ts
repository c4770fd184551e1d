import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { typeInto } from './support/play.js';
import { LONG_TAG, activeTask, backendFailing, backendSlow, chatInProgress, empty, previewing, scenario, sceneOf } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** `activity-id` is the one the story applies; the manifest adds the other rows. */
type Args = { 'activity-id': string } & Record<string, unknown>;

/**
 * An activity's medium, times, summary and tags (R9, R19, R28). Enter or Tab
 * adds a tag. Without `activity-id` it follows the activity in focus.
 */
const meta = {
  title: 'Elements/care-activity',
  component: 'care-activity',
  args: { 'activity-id': '' },
  render: (args, context) =>
    inProvider(sceneOf(context), html`<care-activity activity-id=${ifDefined(args['activity-id'] || undefined)}></care-activity>`),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No activity in focus. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** The chat's own activity while it is in progress: tags can be added. */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** An earlier activity with tags, in a request that is no longer open: read-only, with the reason (R28). */
export const EarlierActivity: Story = {
  loaders: [scenario(chatInProgress)],
  render: (args, context) => {
    const scene = sceneOf(context);
    const id = args['activity-id'] || scene.notedActivity(activeTask(scene).customerId ?? '', true).id;
    return inProvider(scene, html`<care-activity activity-id=${id}></care-activity>`);
  },
};

/** A queued chat being previewed: tags are read-only (R25). */
export const Previewing: Story = { loaders: [scenario(previewing)] };

/** A 51-character tag: refused with the text kept and the reason said (R9). */
export const ValidationErrors: Story = {
  loaders: [scenario(chatInProgress)],
  play: ({ canvasElement }) => typeInto(canvasElement, 'care-activity', '#tag-input', LONG_TAG, true),
};

/** The service is down: a tag shows at once, is taken back, and the text returns to the field with the reason. */
export const BackendFailing: Story = {
  loaders: [scenario(backendFailing)],
  play: ({ canvasElement }) => typeInto(canvasElement, 'care-activity', '#tag-input', 'courier', true),
};

/** Every call takes 3 seconds: a new tag shows at once while the backend is still answering. */
export const BackendSlow: Story = {
  loaders: [scenario(backendSlow)],
  play: ({ canvasElement }) => typeInto(canvasElement, 'care-activity', '#tag-input', 'courier', true),
};
