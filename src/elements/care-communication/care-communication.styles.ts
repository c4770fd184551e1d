import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: ${hook('--care-communication-gap', 'space3')};
  }
  section {
    display: grid;
    gap: ${hook('--care-communication-gap', 'space3')};
  }
  h2 {
    margin: 0;
  }
  [part='transcript'] {
    /* No token fits a height; the hook's default is the one fallback. */
    max-block-size: var(--care-communication-transcript-max-height, 24rem);
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: ${token('space2')};
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    background: ${token('colorSurface')};
  }
  [part='transcript'] > ol {
    display: grid;
    gap: ${token('space2')};
  }
  [part='message'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 ${token('space2')};
    padding: ${token('space1')} ${token('space2')};
    border-radius: ${token('radius')};
    background: ${token('colorSurfaceAlt')};
  }
  [part='message'].agent {
    border-inline-start: 3px solid ${token('colorAccent')};
  }
  [part='message'].system {
    background: none;
    color: ${token('colorMuted')};
  }
  .author {
    font-weight: 600;
  }
  [part='message'] time {
    color: ${token('colorMuted')};
    font-size: ${token('fontSizeSmall')};
  }
  .text {
    grid-column: 1 / -1;
    margin: 0;
    /* The agent's Shift+Enter line breaks, and the customer's, are part of the message. */
    white-space: pre-wrap;
  }
  [part='call'] dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: ${token('space1')} ${token('space3')};
    margin: 0;
  }
  [part='call'] dl > div {
    display: contents;
  }
  [part='call'] dt {
    color: ${token('colorMuted')};
  }
  [part='call'] dd {
    margin: 0;
  }
  [part='duration'] {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  [part='error'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space2')};
  }
  /* X7: the canned responses under the composer, the one Enter takes marked. */
  [part='canned'] {
    margin: 0;
    padding: ${token('space1')};
    list-style: none;
    max-block-size: 14rem;
    overflow-y: auto;
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    background: ${token('colorSurface')};
  }
  [part='canned'] [role='option'] {
    padding: ${token('space1')} ${token('space2')};
    border-radius: ${token('radius')};
    cursor: pointer;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='canned'] [aria-selected='true'] {
    background: ${token('colorSurfaceAlt')};
    outline: 2px solid ${token('colorAccent')};
    outline-offset: -2px;
  }
`;
