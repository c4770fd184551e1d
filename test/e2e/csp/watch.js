// Loaded first: records every CSP and Trusted Types violation the page causes.
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.violatedDirective}: ${event.blockedURI || event.sample || ''}`);
});
