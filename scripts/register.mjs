import '@swc-node/register/esm-register';
