import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'],
  [part='tags'] {
    display: grid;
    gap: ${hook('--care-activity-gap', 'space3')};
  }
  h2,
  h3 {
    margin: 0;
  }
  [part='details'] {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: ${token('space1')} ${token('space3')};
    margin: 0;
  }
  [part='details'] > div {
    display: contents;
  }
  [part='details'] dt {
    color: ${token('colorMuted')};
  }
  [part='details'] dd {
    margin: 0;
  }
  .media {
    display: inline-flex;
    align-items: center;
    gap: ${token('space1')};
  }
  [part='list'] {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space1')};
  }
  [part='tag'] {
    display: inline-flex;
    align-items: center;
    gap: ${token('space1')};
    padding-block: 0;
    padding-inline: ${token('space2')} ${token('space1')};
    min-block-size: 2rem;
    border: 1px solid ${token('colorBorder')};
    border-radius: ${hook('--care-activity-tag-radius', 'radius')};
    background: ${hook('--care-activity-tag-background', 'colorSurfaceAlt')};
  }
  [part='tag']:not(:has(button)) {
    padding-inline-end: ${token('space2')};
  }
  [part='remove-button'] {
    min-block-size: 1.5rem;
    min-inline-size: 1.5rem;
    padding: 0;
    line-height: 1;
    border-color: transparent;
    background: transparent;
  }
  [part='remove-button']:hover {
    border-color: ${token('colorBorder')};
  }
  [part='field'] {
    display: grid;
    gap: ${token('space1')};
  }
  [part='field'] label {
    font-weight: 600;
  }
  .row {
    display: flex;
    gap: ${token('space1')};
  }
  .row input {
    flex: 1;
  }
  [part~='error'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space2')};
  }
`;
