// Validates a HAR file with the third-party har-validator package; prints the first errors and exits 1 when invalid.
const fs = require('fs');
const validator = require('har-validator');
const file = process.argv[2];
const data = JSON.parse(fs.readFileSync(file, 'utf8'));
validator.har(data)
  .then(() => { console.log('valid'); })
  .catch((e) => {
    console.log('invalid: ' + JSON.stringify((e.errors || [e.message]).slice(0, 5)));
    process.exit(1);
  });
