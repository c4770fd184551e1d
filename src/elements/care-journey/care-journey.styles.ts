import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    gap: ${hook('--care-journey-gap', 'space2')};
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space2')};
  }
  [part='header'] h2 {
    margin: 0;
  }
  [part='list'] {
    display: block;
    block-size: var(--care-journey-height, 26rem);
    overflow: auto;
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    contain: strict;
  }
  .row {
    display: flex;
    align-items: center;
    gap: ${token('space1')};
    inline-size: 100%;
    padding: 2px ${token('space1')};
  }
  .row.request {
    background: ${token('colorSurfaceAlt')};
    border-block-start: 1px solid ${token('colorBorder')};
    font-weight: 600;
  }
  .row.request.drop {
    outline: 2px dashed ${token('colorAccent')};
    outline-offset: -2px;
  }
  .row.activity {
    padding-inline-start: ${token('space4')};
  }
  .row > .main {
    flex: 1;
    min-inline-size: 0;
    display: flex;
    align-items: center;
    gap: ${token('space2')};
    text-align: start;
    background: transparent;
    border-color: transparent;
  }
  .row > .main[aria-pressed='true'] {
    background: ${token('colorSurface')};
    color: ${token('colorText')};
    border-color: ${token('colorAccent')};
  }
  .row .label {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='status'] {
    font-size: ${token('fontSizeSmall')};
    font-weight: normal;
    color: ${token('colorMuted')};
  }
  [part~='handle'] {
    cursor: grab;
    min-inline-size: 2rem;
    padding-inline: ${token('space2')};
  }
  /* X12: over the header, never above the list, so the rows stay where the pointer found them. */
  [part='header'] {
    position: relative;
  }
  [part='drop-new'] {
    position: absolute;
    inset: 0;
    z-index: 1;
    display: grid;
    place-items: center;
    padding: 0 ${token('space2')};
    border: 2px dashed ${token('colorAccent')};
    border-radius: ${token('radius')};
    background: ${token('colorSurface')};
    text-align: center;
  }
  [part='info'] {
    position: fixed;
    inset: auto;
    margin: 0;
    max-inline-size: 22rem;
    padding: ${token('space2')} ${token('space3')};
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    background: ${token('colorSurface')};
    color: ${token('colorText')};
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
    font: inherit;
    font-size: ${token('fontSizeSmall')};
  }
  [part='info'] dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px ${token('space2')};
    margin: 0;
  }
  [part='info'] dd {
    margin: 0;
  }
  [part='add-form'],
  dialog form {
    display: grid;
    gap: ${token('space2')};
  }
  label {
    font-weight: 600;
  }
  dialog {
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space4')};
    inline-size: min(30rem, 92vw);
    color: ${token('colorText')};
    background: ${token('colorSurface')};
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dialog section {
    display: grid;
    gap: ${token('space1')};
    margin-block: ${token('space3')};
  }
  dialog h3 {
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space2')};
    justify-content: flex-end;
  }
  .search {
    display: flex;
    gap: ${token('space2')};
  }
`;
