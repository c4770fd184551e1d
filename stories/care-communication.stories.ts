import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { FIELD_MAX } from '../src/model/limits.js';
import { typeInto } from './support/play.js';
import { backendFailing, backendSlow, callInProgress, chatInProgress, empty, overLimit, previewing, scenario, sceneOf } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** The manifest adds a row per attribute, property, event, part and custom property; `task-id` is the one the story applies. */
type Args = { 'task-id': string } & Record<string, unknown>;

/** The chat transcript and composer, or the call information (R15, R23, R25). Without `task-id` it follows the active task. */
const meta = {
  title: 'Elements/care-communication',
  component: 'care-communication',
  args: { 'task-id': '' },
  render: (args, context) =>
    inProvider(sceneOf(context), html`<care-communication task-id=${ifDefined(args['task-id'] || undefined)}></care-communication>`),
} satisfies Meta<Args>;

export default meta;
type Story = StoryObj<Args>;

/** No task open. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** A chat with a short exchange; Enter sends, Shift+Enter adds a line. */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** A call connected 4:12 ago: the call information instead of a transcript. */
export const CallInProgress: Story = { loaders: [scenario(callInProgress)] };

/** A queued chat being previewed: the transcript is read-only, there is no composer (R25). */
export const Previewing: Story = {
  loaders: [scenario(previewing)],
  render: (args, context) => {
    const scene = sceneOf(context);
    const id = args['task-id'] || scene.store.snapshot.selectedTaskId || undefined;
    return inProvider(scene, html`<care-communication task-id=${ifDefined(id)}></care-communication>`);
  },
};

/** A message of 2,001 characters: the counter and a clear message, Send refused, the text kept (R23). */
export const ValidationErrors: Story = {
  loaders: [scenario(chatInProgress)],
  play: ({ canvasElement }) => typeInto(canvasElement, 'care-communication', '#message', overLimit(FIELD_MAX + 1)),
};

/** The service is down: the transcript fails to load and offers Retry. */
export const BackendFailing: Story = { loaders: [scenario(backendFailing)] };

/** Every call takes 3 seconds: the transcript's loading state, then the chat. */
export const BackendSlow: Story = { loaders: [scenario(backendSlow)] };
