import { css } from 'lit';
import { hook, token } from '../../styles/tokens.js';

export const styles = css`
  [part='base'] {
    display: grid;
    /* X10: the one column keeps the element's width whatever a row inside would like (a long suggestion ends in an ellipsis). */
    grid-template-columns: minmax(0, 1fr);
    gap: ${hook('--care-customer-gap', 'space3')};
  }
  [part='heading'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: ${token('space2')};
    margin: 0;
  }
  [part='name'] {
    font-weight: 600;
    text-align: start;
    background: none;
    border-color: transparent;
    color: ${token('colorAccent')};
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  [part='name'][aria-expanded='true'] {
    text-decoration: none;
    border-color: ${token('colorBorder')};
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
  [part='form'] {
    display: grid;
    gap: ${hook('--care-customer-field-gap', 'space2')};
    padding: ${token('space2')} ${token('space3')};
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    background: ${hook('--care-customer-form-background', 'colorSurfaceAlt')};
  }
  [part='field'] {
    display: grid;
    gap: ${token('space1')};
  }
  [part='field'] label {
    font-weight: 600;
  }
  input[readonly] {
    background: transparent;
    border-style: dashed;
  }
  input[aria-invalid='true'] {
    border-color: ${token('colorDanger')};
  }
  [part='issue'] {
    margin: 0;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: ${token('space2')};
  }
  [part='conflict'],
  [part='stash'],
  [part='error'] {
    display: grid;
    gap: ${token('space1')};
    justify-items: start;
  }
  [part='conflict'] p,
  [part='stash'] p {
    margin: 0;
  }
  [part='stash'] {
    border: 1px solid ${token('colorBorder')};
    border-radius: ${token('radius')};
    padding: ${token('space1')} ${token('space2')};
  }
  [part='stash'] .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: ${token('space2')};
  }
  [part='note'] {
    margin: 0;
  }
  /* X4: linking a new contact to a customer. */
  [part='link'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space2')};
    margin-block-start: ${token('space3')};
    padding-block-start: ${token('space3')};
    border-block-start: 1px solid ${token('colorBorder')};
  }
  [part='link'] h3,
  [part='link'] p {
    margin: 0;
  }
  [part='matches'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: ${token('space1')};
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='matches'] li,
  [part='link'] .find {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token('space2')};
  }
  [part='matches'] .who {
    flex: 1;
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='link'] .find input {
    flex: 1;
    min-inline-size: 8rem;
  }
  [part='link'] button {
    white-space: nowrap;
  }
`;
