package layout

// HTMXConfig is htmx's configuration, read from <meta name="htmx-config">, chosen
// so htmx lives within the strict CSP and answers our status codes well:
//
//   - allowEval false: no eval or new Function (script-src 'self' has no
//     'unsafe-eval'), so hx-on and js: values are off;
//   - allowScriptTags false: swapped HTML never runs scripts;
//   - includeIndicatorStyles false: htmx would inject an inline <style>, which
//     style-src 'self' refuses; app.css styles .htmx-indicator instead;
//   - historyCacheSize 0: no page snapshots (personal data, CSRF tokens) in
//     localStorage;
//   - responseHandling: 409 and 422 are pages with the form's errors, so they are
//     swapped like a 200; any other 4xx/5xx (an ended session, a server error)
//     replaces the main content with the error page rather than failing
//     silently. None counts as an htmx error: the page shows what happened, and
//     htmx would otherwise also log it to the console.
const HTMXConfig = `{"allowEval":false,"allowScriptTags":false,"includeIndicatorStyles":false,` +
	`"historyCacheSize":0,"responseHandling":[` +
	`{"code":"204","swap":false},` +
	`{"code":"[23]..","swap":true},` +
	`{"code":"409","swap":true,"error":false},` +
	`{"code":"422","swap":true,"error":false},` +
	`{"code":"[45]..","swap":true,"error":false,"target":"#main","select":"#main","swapOverride":"innerHTML"},` +
	`{"code":"...","swap":false}]}`
