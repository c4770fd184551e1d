import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: ${hook('--care-queue-gap', 'space4')};
  }
  [part~='list'] {
    display: grid;
    gap: ${hook('--care-queue-item-gap', 'space1')};
  }
  /* A long list scrolls in a box of its own, its rows laid out by the virtualizer (margins, not gap). */
  [part~='list'].virtual {
    display: block;
    block-size: var(--care-queue-height, 24rem);
    overflow: auto;
    contain: strict;
  }
  [part~='list'].virtual > [part~='item'] {
    inline-size: 100%;
    margin-block-end: ${hook('--care-queue-item-gap', 'space1')};
  }
  [part~='item'] {
    display: flex;
    align-items: stretch;
    gap: ${token('space1')};
  }
  [part~='item'] > button:first-child {
    flex: 1;
    min-inline-size: 0;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    row-gap: 0;
    align-items: center;
    gap: ${token('space2')};
    text-align: start;
    background: ${hook('--care-queue-item-background', 'colorSurface')};
  }
  [part~='item'] > button[aria-pressed='true'],
  [part~='item'] > button[aria-current='true'] {
    background: ${token('colorSurfaceAlt')};
    color: ${token('colorText')};
    border-color: ${token('colorAccent')};
    /* The accent stripe sits on the inline start (the right, in right-to-left text); the padding keeps the text still. */
    border-inline-start-width: 4px;
    padding-inline-start: calc(${token('space3')} - 3px);
  }
  .who {
    font-weight: 600;
  }
  /* X10: a long name ends in an ellipsis, never breaks inside a word; the full name is in the title and the accessible name. */
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .when,
  .waiting {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [part~='item'] > button {
    white-space: nowrap;
  }
  /* The row may be two lines tall (name, then its times); Accept keeps a button's height beside it. */
  [part~='item'] > [data-accept] {
    align-self: center;
  }
  /* X10: the name has the row's whole width; how long, unread lines and the reply wait (X1) go under it. */
  .meta {
    grid-column: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 ${token('space2')};
    font-size: 0.875em;
  }
  .unread {
    min-inline-size: 1.5em;
    padding: 0 ${token('space1')};
    border-radius: 999px;
    background: ${token('colorAccent')};
    color: ${token('colorOnAccent')};
    font-weight: 600;
    text-align: center;
  }
  .waiting.warning {
    color: ${token('colorWarning')};
    background: ${token('colorWarningSurface')};
  }
  .waiting.alarm {
    color: ${token('colorDanger')};
    background: ${token('colorDangerSurface')};
    font-weight: 600;
  }
  @media (forced-colors: active) {
    .waiting.warning,
    .waiting.alarm {
      outline: 1px solid CanvasText;
    }
  }
  [part='preview'] {
    border: 1px dashed ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space2')} ${token('space3')};
    background: ${token('colorSurfaceAlt')};
  }
  [part='preview'] dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: ${token('space1')} ${token('space3')};
    margin: 0 0 ${token('space2')};
  }
  [part='preview'] dt {
    color: ${token('colorMuted')};
  }
  [part='preview'] dd {
    margin: 0;
  }
`;
