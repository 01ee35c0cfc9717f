// n8n loads this package's nodes and credentials from package.json's "n8n" section; nothing to export here.
module.exports = {};
