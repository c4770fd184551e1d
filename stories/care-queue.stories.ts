import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { clickIn } from './support/play.js';
import { backendFailing, backendSlow, busyQueue, chatInProgress, empty, previewing, scenario, sceneOf, secondCallWaiting } from './support/scenario.js';
import { inProvider } from './support/stage.js';

/** The pick queue with its read-only preview, and the tasks in progress (R1, R3, R4, R5, R14, R26). */
const meta = {
  title: 'Elements/care-queue',
  component: 'care-queue',
  render: (_args, context) => inProvider(sceneOf(context), html`<care-queue></care-queue>`),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Nothing waiting, nothing in progress. */
export const Empty: Story = { loaders: [scenario(empty)] };

/** A dozen chats and calls waiting, oldest first. */
export const BusyQueue: Story = { loaders: [scenario(busyQueue)] };

/** A queued chat selected: its customer, the request it will join and the activity, read-only until accepted (R1, R4, R25). */
export const Previewing: Story = { loaders: [scenario(previewing)] };

/** One chat accepted: it moves to In progress (R14). */
export const ChatInProgress: Story = { loaders: [scenario(chatInProgress)] };

/** On a call, accepting a second call is refused and the reason is shown in place (R5). */
export const SecondCallRefused: Story = {
  loaders: [scenario(secondCallWaiting)],
  play: ({ canvasElement }) => clickIn(canvasElement, 'care-queue', 'button.primary'),
};

/** The service is down: Accept fails and says why; the task stays in the queue. */
export const BackendFailing: Story = {
  loaders: [
    scenario(async () => {
      const s = await busyQueue();
      s.failing();
      return s;
    }),
  ],
  play: ({ canvasElement }) => clickIn(canvasElement, 'care-queue', 'button.primary'),
};

/** Every call takes 3 seconds (a chat in progress, then the backend slows down). */
export const BackendSlow: Story = { loaders: [scenario(backendSlow)] };

/** The failing backend after a chat was accepted: what is known stays on screen. */
export const BackendFailingWhileWorking: Story = { loaders: [scenario(backendFailing)] };
