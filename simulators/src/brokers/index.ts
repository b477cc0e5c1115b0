export { AlertFollower } from './alert-follower.js';
export { hubSession } from './hub-session.js';
export type { HubSession } from './hub-session.js';
export { PULL_BROKER_CLASSIFIERS, startPullBroker } from './pull-broker.js';
export type { PullBroker, PullBrokerOptions } from './pull-broker.js';
export { PUSH_BROKER_CLASSIFIER, startPushBroker } from './push-broker.js';
export type { PushBroker, PushBrokerOptions, PushReply } from './push-broker.js';
export { classifyAlert, leafClasses } from './taxonomy-classifier.js';
export type { AlertToClassify, ClassifierProfile } from './taxonomy-classifier.js';
