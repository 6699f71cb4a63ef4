import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../domain/html-escape';
import { NotFoundError, ValidationError } from '../errors';
import { htmlErrorResponse } from './error-page';

describe('htmlErrorResponse escapes the message with the one HTML escaper', () => {
  it.each([`<script>alert("x")</script>`, `Tom & Jerry's <b>`, 'plain'])('%j', async (message) => {
    const res = htmlErrorResponse(new ValidationError(message));
    const body = await res.text();
    expect(res.status).toBe(422);
    expect(body).toContain(`<p class="form-error" role="alert">${escapeHtml(message)}</p>`);
  });

  it('keeps its status and title', async () => {
    const res = htmlErrorResponse(new NotFoundError());
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<title>Not found</title>');
  });
});
