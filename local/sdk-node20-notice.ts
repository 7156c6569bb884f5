// Imported first by every script: Node 20 is supported by the pinned SDK, and its notice about future
// versions (printed when the first client is built, which some modules do at import) is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
