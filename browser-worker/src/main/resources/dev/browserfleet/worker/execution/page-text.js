// The rendered text of the page.
return document.body ? document.body.innerText : '';
