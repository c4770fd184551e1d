import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: ${hook('--care-request-gap', 'space2')};
  }
  [part='header'] {
    display: flex;
    align-items: center;
    gap: ${token('space2')};
  }
  [part='header'] h2 {
    margin: 0;
    flex: 1;
  }
  [part='icon'] {
    display: inline-flex;
    align-items: center;
    gap: ${token('space1')};
  }
  [part~='status'] {
    display: inline-block;
    padding: 0 ${token('space2')};
    border-radius: 999px;
    font-size: ${token('fontSizeSmall')};
    background: ${token('colorSurfaceAlt')};
    border: 1px solid ${token('colorBorder')};
  }
  [part~='status'].open {
    border-color: ${token('colorSuccess')};
    color: ${token('colorSuccess')};
  }
  [part='info'] {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: ${token('space1')} ${token('space3')};
    margin: 0;
    padding: ${token('space2')};
    border-radius: ${token('radius')};
    background: ${token('colorSurfaceAlt')};
  }
  [part='info'] dd {
    margin: 0;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: ${token('space1')};
  }
  textarea {
    min-block-size: ${hook('--care-request-description-height', 'space4')};
    block-size: 6rem;
    resize: vertical;
  }
  .field {
    display: grid;
    gap: 2px;
  }
  .counter {
    justify-self: end;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space2')};
  }
  [part='conflict'] .actions {
    margin-block-start: ${token('space1')};
  }
  input[readonly],
  textarea[readonly] {
    background: ${token('colorSurfaceAlt')};
  }
`;
