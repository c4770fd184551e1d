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
    display: grid;
    grid-template-columns: auto 1fr auto;
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
  .when {
    font-variant-numeric: tabular-nums;
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
