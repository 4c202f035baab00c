// Decap CMS starts only when ventanilla-cms.js has registered our widget and format.
window.CMS_MANUAL_INIT = true;
