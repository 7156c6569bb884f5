// The approval pages' only script: it runs WebAuthn for a form marked data-passkey, with options the server
// put in the page (a JSON data block), and posts the result in a hidden field. Built by bin/build-passkey-script.ts.
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';

const data = document.getElementById('passkey-options');
const form = document.querySelector('form[data-passkey]');
const status = document.getElementById('passkey-status');

if (data && form) {
  form.addEventListener('submit', async (event) => {
    if (form.dataset.done === 'yes') return;
    event.preventDefault();
    const { mode, options } = JSON.parse(data.textContent || '{}');
    if (status) status.textContent = 'Waiting for your passkey…';
    try {
      const result =
        mode === 'register'
          ? await startRegistration({ optionsJSON: options })
          : await startAuthentication({ optionsJSON: options });
      const field = form.querySelector('input[name="webauthn"]');
      if (field) field.value = JSON.stringify(result);
      form.dataset.done = 'yes';
      form.requestSubmit(event.submitter || undefined);
    } catch (error) {
      if (status)
        status.textContent = `Your passkey was not used (${error.name || 'error'}). Nothing was decided.`;
    }
  });
}
