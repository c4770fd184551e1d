import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: ${hook('--care-agent-status-gap', 'space2')};
  }
  [part='status'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space2')};
  }
  [part='status'] > span {
    font-weight: 600;
  }
  [part='timer'] {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [part='reason-picker'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space2')};
  }
  [part='reason-picker'] select {
    min-inline-size: 0;
    max-inline-size: 100%;
    font: inherit;
  }
  [part='status'] button {
    white-space: nowrap;
  }
  [part='offers'] {
    display: grid;
    gap: ${token('space2')};
  }
  [part='offer'] {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: ${token('space1')} ${token('space2')};
    padding: ${token('space2')};
    border: 1px solid ${hook('--care-agent-status-offer-border', 'colorAccent')};
    border-radius: ${token('radius')};
    background: ${token('colorSurface')};
  }
  /* X10: a long name (an email address) ends in an ellipsis; the full text is in the title and the buttons' names. */
  [part='offer'] .what {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='offer-preview'],
  [part='offer'] .actions {
    grid-column: 1 / -1;
  }
  /* The customer's first words: two lines at most, never a word broken (X10). */
  [part='offer-preview'] {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }
  [part='offer'] .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space2')};
  }
  [part='offer'] button {
    white-space: nowrap;
  }
  [part='countdown'] {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  [part='countdown'].urgent {
    color: ${token('colorDanger')};
  }
  @media (forced-colors: active) {
    /* Colour alone does not survive forced colours. */
    [part='countdown'].urgent {
      text-decoration: underline;
    }
  }
`;
