import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: ${hook('--care-comments-gap', 'space3')};
  }
  h2 {
    margin: 0;
  }
  [part='list'] {
    display: grid;
    gap: ${token('space2')};
  }
  [part='item'] {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 ${token('space2')};
    padding: ${token('space1')} ${token('space2')};
    border-radius: ${token('radius')};
    background: ${hook('--care-comments-item-background', 'colorSurfaceAlt')};
  }
  .author {
    font-weight: 600;
  }
  [part='item'] time {
    color: ${token('colorMuted')};
    font-size: ${token('fontSizeSmall')};
  }
  .text {
    grid-column: 1 / -1;
    margin: 0;
    /* The agent's line breaks are part of the note. */
    white-space: pre-wrap;
  }
  [part~='error'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space2')};
  }
`;
