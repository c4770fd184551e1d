import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  :host {
    background: ${hook('--care-desktop-background', 'colorSurface')};
  }
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(15rem, 1fr) minmax(20rem, 2fr) minmax(15rem, 1.2fr);
    grid-template-areas:
      'header header header'
      'notices notices notices'
      'work main details';
    gap: ${hook('--care-desktop-gap', 'space4')};
    padding: ${hook('--care-desktop-padding', 'space4')};
    min-block-size: 100%;
  }
  @container (inline-size <= 60rem) {
    [part='base'] {
      grid-template-columns: 1fr;
      grid-template-areas: 'header' 'notices' 'work' 'main' 'details';
    }
  }
  :host {
    container-type: inline-size;
  }
  [part='header'] {
    grid-area: header;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: ${token('space3')};
    border-block-end: 1px solid ${token('colorBorder')};
    padding-block-end: ${token('space2')};
  }
  [part='header'] h1 {
    font-size: 1.15em;
    margin: 0;
  }
  [part='notices'] {
    grid-area: notices;
    display: grid;
    gap: ${token('space1')};
  }
  [part='notices']:empty {
    display: none;
  }
  [part='notice'] {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: ${token('space2')};
    margin: 0;
  }
  [part='work'] {
    grid-area: work;
    display: grid;
    align-content: start;
    gap: ${token('space4')};
  }
  [part='main'] {
    grid-area: main;
    display: grid;
    align-content: start;
    gap: ${token('space3')};
    min-inline-size: 0;
  }
  /* X10: one track that never grows with what is inside (a long name, a nowrap row), so the column keeps its width. */
  [part='work'],
  [part='main'],
  [part='details'] {
    grid-template-columns: minmax(0, 1fr);
  }
  [part='details'] {
    grid-area: details;
    display: grid;
    align-content: start;
    gap: ${token('space3')};
    min-inline-size: 0;
  }
  [part='task-bar'] {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: ${token('space2')};
  }
  [part='wrap-up-time'] {
    font-variant-numeric: tabular-nums;
  }
  [part='task-bar'] h2 {
    margin: 0;
  }
  dialog {
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space4')};
    max-inline-size: min(32rem, 90vw);
    color: ${token('colorText')};
    background: ${token('colorSurface')};
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dialog h2 {
    margin-block-end: ${token('space2')};
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: ${token('space2')};
    margin-block-start: ${token('space3')};
  }
  .outbox {
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space2')} ${token('space3')};
    margin-block-end: ${token('space2')};
  }
  .outbox h2 {
    font-size: 1em;
    margin: 0 0 ${token('space1')};
  }
  .outbox ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .outbox li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: ${token('space2')};
  }
  .outbox .text {
    overflow-wrap: break-word;
  }
  .outbox .state {
    color: ${token('colorMuted')};
  }
  .outbox li.failed .state {
    color: ${token('colorDanger')};
  }
  /* X5: the Transfer dialog's form, one field under another. */
  dialog form {
    display: grid;
    gap: ${token('space2')};
  }
  dialog select,
  dialog textarea {
    inline-size: 100%;
    font: inherit;
  }
  /* X6: the wrap-up's code and note in the Close question. */
  dialog .wrap-up {
    display: grid;
    gap: ${token('space1')};
    margin-block: ${token('space2')};
  }
`;
