/**
 * Every story is axe-clean: each story's loaders, render and play function
 * run here as Storybook would run them, then axe checks what they show. A
 * new story is checked as soon as it is exported.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import '../../src/define.js';
import * as activity from '../../stories/care-activity.stories.js';
import * as agentStatus from '../../stories/care-agent-status.stories.js';
import * as comments from '../../stories/care-comments.stories.js';
import * as communication from '../../stories/care-communication.stories.js';
import * as customer from '../../stories/care-customer.stories.js';
import * as desktop from '../../stories/care-desktop.stories.js';
import * as journey from '../../stories/care-journey.stories.js';
import * as provider from '../../stories/care-provider.stories.js';
import * as queue from '../../stories/care-queue.stories.js';
import * as request from '../../stories/care-request.stories.js';
import * as theming from '../../stories/theming.stories.js';
import { settle } from '../support/session.js';

type Loader = (context: StoryContextLike) => Promise<Record<string, unknown>> | Record<string, unknown>;
type Render = (args: Record<string, unknown>, context: StoryContextLike) => unknown;
interface StoryLike {
  args?: Record<string, unknown>;
  loaders?: Loader[];
  render?: Render;
  play?: (context: StoryContextLike) => Promise<unknown> | unknown;
}
interface StoryContextLike {
  args: Record<string, unknown>;
  loaded: Record<string, unknown>;
  canvasElement: HTMLElement;
  parameters: Record<string, unknown>;
  globals: Record<string, unknown>;
  id: string;
  name: string;
  title: string;
}

const files = { activity, agentStatus, comments, communication, customer, desktop, journey, provider, queue, request, theming };

for (const [file, module] of Object.entries(files)) {
  const meta = (module as { default: StoryLike & { title: string } }).default;
  describe(`stories: ${meta.title}`, () => {
    for (const [name, value] of Object.entries(module)) {
      if (name === 'default' || typeof value !== 'object' || value === null) continue;
      const story = value as StoryLike;
      it(`${name} has no axe violations`, async () => {
        const canvas = await fixture<HTMLDivElement>(html`<div></div>`);
        const context: StoryContextLike = {
          args: { ...(meta.args ?? {}), ...(story.args ?? {}) },
          loaded: {},
          canvasElement: canvas,
          parameters: {},
          globals: {},
          id: `${file}--${name}`,
          name,
          title: meta.title,
        };
        for (const loader of [...(meta.loaders ?? []), ...(story.loaders ?? [])]) Object.assign(context.loaded, await loader(context));
        const draw = story.render ?? meta.render;
        if (!draw) throw new Error(`${name} has nothing to render`);
        const shown = draw(context.args, context);
        if (shown instanceof Node) canvas.append(shown);
        else render(shown, canvas);
        await settle();
        await story.play?.(context);
        for (let i = 0; i < 3; i++) {
          await settle();
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        try {
          await expect(canvas).to.be.accessible();
        } finally {
          (context.loaded['scenario'] as { dispose?: () => void } | undefined)?.dispose?.();
        }
      });
    }
  });
}
