/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n    query OusCounts {\n      obsUnitSetCounts {\n        state\n        count\n      }\n    }\n  ": typeof types.OusCountsDocument,
    "\n    query Queues {\n      queues {\n        name\n        paused\n        throughputPerMinute\n        counts {\n          waiting\n          active\n          completed\n          failed\n          delayed\n        }\n      }\n    }\n  ": typeof types.QueuesDocument,
    "\n    query DcsAlarms {\n      alarms {\n        id\n        rule\n        deviceId\n        severity\n        message\n        active\n        raisedAt\n        clearedAt\n        acknowledgedAt\n        acknowledgedBy {\n          id\n          username\n        }\n        controls {\n          command\n          allowed\n          reason\n        }\n      }\n    }\n  ": typeof types.DcsAlarmsDocument,
    "\n    subscription DcsAlarmRaised {\n      alarmRaised {\n        id\n      }\n    }\n  ": typeof types.DcsAlarmRaisedDocument,
    "\n    mutation AcknowledgeAlarm($id: ID!) {\n      acknowledgeAlarm(id: $id) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.AcknowledgeAlarmDocument,
    "\n    mutation SetChillerSetpoint($deviceId: ID!, $temperature: Float!) {\n      setChillerSetpoint(deviceId: $deviceId, temperature: $temperature) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.SetChillerSetpointDocument,
    "\n    mutation StartChiller($deviceId: ID!) {\n      startChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.StartChillerDocument,
    "\n    mutation StopChiller($deviceId: ID!) {\n      stopChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.StopChillerDocument,
    "\n    query DeviceSeries($id: ID!, $metric: String!, $from: DateTime!, $to: DateTime!, $bucketSeconds: Int) {\n      device(id: $id) {\n        id\n        series(metric: $metric, from: $from, to: $to, bucketSeconds: $bucketSeconds) {\n          at\n          min\n          max\n          avg\n          count\n        }\n      }\n    }\n  ": typeof types.DeviceSeriesDocument,
    "\n    subscription ChartReadings($deviceId: ID!, $metric: String!) {\n      readingsAdded(deviceId: $deviceId, metric: $metric) {\n        value\n        at\n      }\n    }\n  ": typeof types.ChartReadingsDocument,
    "\n    mutation SwitchLowVoltage($on: Boolean!) {\n      switchLowVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.SwitchLowVoltageDocument,
    "\n    mutation SwitchHighVoltage($on: Boolean!) {\n      switchHighVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.SwitchHighVoltageDocument,
    "\n    mutation SetChannelVoltage($channelId: ID!, $kind: SupplyKind!, $volts: Float!) {\n      setChannelVoltage(channelId: $channelId, kind: $kind, volts: $volts) {\n        ...CommandOutcome\n      }\n    }\n  ": typeof types.SetChannelVoltageDocument,
    "\n    mutation AssignExecutive($ousId: ID!, $executive: Executive!) {\n      assignExecutive(ousId: $ousId, executive: $executive) {\n        id\n        state\n      }\n    }\n  ": typeof types.AssignExecutiveDocument,
    "\n    mutation StartReview($ousId: ID!) {\n      startReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  ": typeof types.StartReviewDocument,
    "\n    mutation CancelReview($ousId: ID!) {\n      cancelReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  ": typeof types.CancelReviewDocument,
    "\n    mutation SubmitQa2($ousId: ID!, $score: Qa2Score!, $comment: String) {\n      submitQa2(ousId: $ousId, score: $score, comment: $comment) {\n        id\n        state\n      }\n    }\n  ": typeof types.SubmitQa2Document,
    "\n    mutation Requeue($ousId: ID!) {\n      requeue(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  ": typeof types.RequeueDocument,
    "\n    mutation ReportQa3Issue($ousId: ID!, $note: String!) {\n      reportQa3Issue(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  ": typeof types.ReportQa3IssueDocument,
    "\n    mutation ResolveQa3($ousId: ID!, $note: String) {\n      resolveQa3(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  ": typeof types.ResolveQa3Document,
    "\n    query OusRecords($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        pipelineRuns {\n          run\n          executive\n          status\n          startedAt\n          finishedAt\n          exitCode\n        }\n        pipelineReports {\n          run\n          finalScore\n          scores {\n            dataset\n            flagging\n            calibration\n            imaging\n          }\n          reportDate\n          processingTime\n          casaVersion\n          pipelineVersion\n          weblog {\n            fileName\n          }\n        }\n        products {\n          run\n          fileName\n          kind\n          size\n          sha256\n          site\n          replicaPath\n          replicatedAt\n          archiveFileId\n          archivedAt\n        }\n        deliveryStatus {\n          run\n          complete\n          productCount\n          archivedCount\n          problem\n          updatedAt\n        }\n      }\n    }\n  ": typeof types.OusRecordsDocument,
    "\n  fragment CommandOutcome on CommandResult {\n    accepted\n    reason\n  }\n": typeof types.CommandOutcomeFragmentDoc,
    "\n    fragment StandGuards on Query {\n      interlocks {\n        id\n        description\n        ok\n        reason\n      }\n      powerSupply {\n        system\n        lvOn\n        hvOn\n        modules {\n          module\n          state\n        }\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n        }\n      }\n    }\n  ": typeof types.StandGuardsFragmentDoc,
    "\n    fragment DeviceGates on Device {\n      controls {\n        command\n        allowed\n        reason\n        blockedBy\n        limits {\n          min\n          max\n          unit\n        }\n      }\n    }\n  ": typeof types.DeviceGatesFragmentDoc,
    "\n    query DcsPage {\n      devices {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n        latest {\n          metric\n          value\n          at\n        }\n        ...DeviceGates\n      }\n      ...StandGuards\n    }\n  ": typeof types.DcsPageDocument,
    "\n    query DcsGuards {\n      ...StandGuards\n      devices {\n        id\n        ...DeviceGates\n      }\n    }\n  ": typeof types.DcsGuardsDocument,
    "\n    subscription DcsReadings {\n      readingsAdded {\n        deviceId\n        metric\n        value\n        at\n      }\n    }\n  ": typeof types.DcsReadingsDocument,
    "\n    subscription DcsDeviceStates {\n      deviceStateChanged {\n        id\n        state\n        online\n        lastSeenAt\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n          limits {\n            min\n            max\n            unit\n          }\n        }\n      }\n    }\n  ": typeof types.DcsDeviceStatesDocument,
    "\n    query DevicePage($id: ID!, $first: Int, $after: String) {\n      device(id: $id) {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n      }\n      deviceCommands(deviceId: $id, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            status\n            accepted\n            result\n            reason\n            system\n            issuedBy {\n              username\n            }\n          }\n        }\n      }\n    }\n  ": typeof types.DevicePageDocument,
    "\n    query OusPage($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        programId\n        state\n        substate\n        executive\n        recipe\n        createdAt\n        updatedAt\n        availableActions {\n          action\n          allowed\n          reason\n          blockedBy\n        }\n        history {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  ": typeof types.OusPageDocument,
    "\n    subscription OusMoves($ousId: ID!, $after: String) {\n      ousStateChanged(ousId: $ousId, after: $after) {\n        eventId\n        ous {\n          id\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n          availableActions {\n            action\n            allowed\n            reason\n            blockedBy\n          }\n        }\n        transition {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  ": typeof types.OusMovesDocument,
    "\n    query BoardColumn($state: OusState!, $programId: String, $first: Int) {\n      obsUnitSets(state: $state, programId: $programId, first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            programId\n            state\n            substate\n            executive\n            recipe\n            updatedAt\n          }\n        }\n      }\n    }\n  ": typeof types.BoardColumnDocument,
    "\n    query BoardCounts($programId: String) {\n      obsUnitSetCounts(programId: $programId) {\n        state\n        count\n      }\n    }\n  ": typeof types.BoardCountsDocument,
    "\n    subscription BoardMoves($programId: String, $after: String) {\n      ousStateChanged(programId: $programId, after: $after) {\n        eventId\n        ous {\n          id\n          programId\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n        }\n        transition {\n          from\n          to\n        }\n      }\n    }\n  ": typeof types.BoardMovesDocument,
};
const documents: Documents = {
    "\n    query OusCounts {\n      obsUnitSetCounts {\n        state\n        count\n      }\n    }\n  ": types.OusCountsDocument,
    "\n    query Queues {\n      queues {\n        name\n        paused\n        throughputPerMinute\n        counts {\n          waiting\n          active\n          completed\n          failed\n          delayed\n        }\n      }\n    }\n  ": types.QueuesDocument,
    "\n    query DcsAlarms {\n      alarms {\n        id\n        rule\n        deviceId\n        severity\n        message\n        active\n        raisedAt\n        clearedAt\n        acknowledgedAt\n        acknowledgedBy {\n          id\n          username\n        }\n        controls {\n          command\n          allowed\n          reason\n        }\n      }\n    }\n  ": types.DcsAlarmsDocument,
    "\n    subscription DcsAlarmRaised {\n      alarmRaised {\n        id\n      }\n    }\n  ": types.DcsAlarmRaisedDocument,
    "\n    mutation AcknowledgeAlarm($id: ID!) {\n      acknowledgeAlarm(id: $id) {\n        ...CommandOutcome\n      }\n    }\n  ": types.AcknowledgeAlarmDocument,
    "\n    mutation SetChillerSetpoint($deviceId: ID!, $temperature: Float!) {\n      setChillerSetpoint(deviceId: $deviceId, temperature: $temperature) {\n        ...CommandOutcome\n      }\n    }\n  ": types.SetChillerSetpointDocument,
    "\n    mutation StartChiller($deviceId: ID!) {\n      startChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  ": types.StartChillerDocument,
    "\n    mutation StopChiller($deviceId: ID!) {\n      stopChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  ": types.StopChillerDocument,
    "\n    query DeviceSeries($id: ID!, $metric: String!, $from: DateTime!, $to: DateTime!, $bucketSeconds: Int) {\n      device(id: $id) {\n        id\n        series(metric: $metric, from: $from, to: $to, bucketSeconds: $bucketSeconds) {\n          at\n          min\n          max\n          avg\n          count\n        }\n      }\n    }\n  ": types.DeviceSeriesDocument,
    "\n    subscription ChartReadings($deviceId: ID!, $metric: String!) {\n      readingsAdded(deviceId: $deviceId, metric: $metric) {\n        value\n        at\n      }\n    }\n  ": types.ChartReadingsDocument,
    "\n    mutation SwitchLowVoltage($on: Boolean!) {\n      switchLowVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  ": types.SwitchLowVoltageDocument,
    "\n    mutation SwitchHighVoltage($on: Boolean!) {\n      switchHighVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  ": types.SwitchHighVoltageDocument,
    "\n    mutation SetChannelVoltage($channelId: ID!, $kind: SupplyKind!, $volts: Float!) {\n      setChannelVoltage(channelId: $channelId, kind: $kind, volts: $volts) {\n        ...CommandOutcome\n      }\n    }\n  ": types.SetChannelVoltageDocument,
    "\n    mutation AssignExecutive($ousId: ID!, $executive: Executive!) {\n      assignExecutive(ousId: $ousId, executive: $executive) {\n        id\n        state\n      }\n    }\n  ": types.AssignExecutiveDocument,
    "\n    mutation StartReview($ousId: ID!) {\n      startReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  ": types.StartReviewDocument,
    "\n    mutation CancelReview($ousId: ID!) {\n      cancelReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  ": types.CancelReviewDocument,
    "\n    mutation SubmitQa2($ousId: ID!, $score: Qa2Score!, $comment: String) {\n      submitQa2(ousId: $ousId, score: $score, comment: $comment) {\n        id\n        state\n      }\n    }\n  ": types.SubmitQa2Document,
    "\n    mutation Requeue($ousId: ID!) {\n      requeue(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  ": types.RequeueDocument,
    "\n    mutation ReportQa3Issue($ousId: ID!, $note: String!) {\n      reportQa3Issue(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  ": types.ReportQa3IssueDocument,
    "\n    mutation ResolveQa3($ousId: ID!, $note: String) {\n      resolveQa3(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  ": types.ResolveQa3Document,
    "\n    query OusRecords($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        pipelineRuns {\n          run\n          executive\n          status\n          startedAt\n          finishedAt\n          exitCode\n        }\n        pipelineReports {\n          run\n          finalScore\n          scores {\n            dataset\n            flagging\n            calibration\n            imaging\n          }\n          reportDate\n          processingTime\n          casaVersion\n          pipelineVersion\n          weblog {\n            fileName\n          }\n        }\n        products {\n          run\n          fileName\n          kind\n          size\n          sha256\n          site\n          replicaPath\n          replicatedAt\n          archiveFileId\n          archivedAt\n        }\n        deliveryStatus {\n          run\n          complete\n          productCount\n          archivedCount\n          problem\n          updatedAt\n        }\n      }\n    }\n  ": types.OusRecordsDocument,
    "\n  fragment CommandOutcome on CommandResult {\n    accepted\n    reason\n  }\n": types.CommandOutcomeFragmentDoc,
    "\n    fragment StandGuards on Query {\n      interlocks {\n        id\n        description\n        ok\n        reason\n      }\n      powerSupply {\n        system\n        lvOn\n        hvOn\n        modules {\n          module\n          state\n        }\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n        }\n      }\n    }\n  ": types.StandGuardsFragmentDoc,
    "\n    fragment DeviceGates on Device {\n      controls {\n        command\n        allowed\n        reason\n        blockedBy\n        limits {\n          min\n          max\n          unit\n        }\n      }\n    }\n  ": types.DeviceGatesFragmentDoc,
    "\n    query DcsPage {\n      devices {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n        latest {\n          metric\n          value\n          at\n        }\n        ...DeviceGates\n      }\n      ...StandGuards\n    }\n  ": types.DcsPageDocument,
    "\n    query DcsGuards {\n      ...StandGuards\n      devices {\n        id\n        ...DeviceGates\n      }\n    }\n  ": types.DcsGuardsDocument,
    "\n    subscription DcsReadings {\n      readingsAdded {\n        deviceId\n        metric\n        value\n        at\n      }\n    }\n  ": types.DcsReadingsDocument,
    "\n    subscription DcsDeviceStates {\n      deviceStateChanged {\n        id\n        state\n        online\n        lastSeenAt\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n          limits {\n            min\n            max\n            unit\n          }\n        }\n      }\n    }\n  ": types.DcsDeviceStatesDocument,
    "\n    query DevicePage($id: ID!, $first: Int, $after: String) {\n      device(id: $id) {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n      }\n      deviceCommands(deviceId: $id, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            status\n            accepted\n            result\n            reason\n            system\n            issuedBy {\n              username\n            }\n          }\n        }\n      }\n    }\n  ": types.DevicePageDocument,
    "\n    query OusPage($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        programId\n        state\n        substate\n        executive\n        recipe\n        createdAt\n        updatedAt\n        availableActions {\n          action\n          allowed\n          reason\n          blockedBy\n        }\n        history {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  ": types.OusPageDocument,
    "\n    subscription OusMoves($ousId: ID!, $after: String) {\n      ousStateChanged(ousId: $ousId, after: $after) {\n        eventId\n        ous {\n          id\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n          availableActions {\n            action\n            allowed\n            reason\n            blockedBy\n          }\n        }\n        transition {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  ": types.OusMovesDocument,
    "\n    query BoardColumn($state: OusState!, $programId: String, $first: Int) {\n      obsUnitSets(state: $state, programId: $programId, first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            programId\n            state\n            substate\n            executive\n            recipe\n            updatedAt\n          }\n        }\n      }\n    }\n  ": types.BoardColumnDocument,
    "\n    query BoardCounts($programId: String) {\n      obsUnitSetCounts(programId: $programId) {\n        state\n        count\n      }\n    }\n  ": types.BoardCountsDocument,
    "\n    subscription BoardMoves($programId: String, $after: String) {\n      ousStateChanged(programId: $programId, after: $after) {\n        eventId\n        ous {\n          id\n          programId\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n        }\n        transition {\n          from\n          to\n        }\n      }\n    }\n  ": types.BoardMovesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query OusCounts {\n      obsUnitSetCounts {\n        state\n        count\n      }\n    }\n  "): (typeof documents)["\n    query OusCounts {\n      obsUnitSetCounts {\n        state\n        count\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query Queues {\n      queues {\n        name\n        paused\n        throughputPerMinute\n        counts {\n          waiting\n          active\n          completed\n          failed\n          delayed\n        }\n      }\n    }\n  "): (typeof documents)["\n    query Queues {\n      queues {\n        name\n        paused\n        throughputPerMinute\n        counts {\n          waiting\n          active\n          completed\n          failed\n          delayed\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DcsAlarms {\n      alarms {\n        id\n        rule\n        deviceId\n        severity\n        message\n        active\n        raisedAt\n        clearedAt\n        acknowledgedAt\n        acknowledgedBy {\n          id\n          username\n        }\n        controls {\n          command\n          allowed\n          reason\n        }\n      }\n    }\n  "): (typeof documents)["\n    query DcsAlarms {\n      alarms {\n        id\n        rule\n        deviceId\n        severity\n        message\n        active\n        raisedAt\n        clearedAt\n        acknowledgedAt\n        acknowledgedBy {\n          id\n          username\n        }\n        controls {\n          command\n          allowed\n          reason\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription DcsAlarmRaised {\n      alarmRaised {\n        id\n      }\n    }\n  "): (typeof documents)["\n    subscription DcsAlarmRaised {\n      alarmRaised {\n        id\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation AcknowledgeAlarm($id: ID!) {\n      acknowledgeAlarm(id: $id) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation AcknowledgeAlarm($id: ID!) {\n      acknowledgeAlarm(id: $id) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SetChillerSetpoint($deviceId: ID!, $temperature: Float!) {\n      setChillerSetpoint(deviceId: $deviceId, temperature: $temperature) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation SetChillerSetpoint($deviceId: ID!, $temperature: Float!) {\n      setChillerSetpoint(deviceId: $deviceId, temperature: $temperature) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation StartChiller($deviceId: ID!) {\n      startChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation StartChiller($deviceId: ID!) {\n      startChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation StopChiller($deviceId: ID!) {\n      stopChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation StopChiller($deviceId: ID!) {\n      stopChiller(deviceId: $deviceId) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DeviceSeries($id: ID!, $metric: String!, $from: DateTime!, $to: DateTime!, $bucketSeconds: Int) {\n      device(id: $id) {\n        id\n        series(metric: $metric, from: $from, to: $to, bucketSeconds: $bucketSeconds) {\n          at\n          min\n          max\n          avg\n          count\n        }\n      }\n    }\n  "): (typeof documents)["\n    query DeviceSeries($id: ID!, $metric: String!, $from: DateTime!, $to: DateTime!, $bucketSeconds: Int) {\n      device(id: $id) {\n        id\n        series(metric: $metric, from: $from, to: $to, bucketSeconds: $bucketSeconds) {\n          at\n          min\n          max\n          avg\n          count\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription ChartReadings($deviceId: ID!, $metric: String!) {\n      readingsAdded(deviceId: $deviceId, metric: $metric) {\n        value\n        at\n      }\n    }\n  "): (typeof documents)["\n    subscription ChartReadings($deviceId: ID!, $metric: String!) {\n      readingsAdded(deviceId: $deviceId, metric: $metric) {\n        value\n        at\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SwitchLowVoltage($on: Boolean!) {\n      switchLowVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation SwitchLowVoltage($on: Boolean!) {\n      switchLowVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SwitchHighVoltage($on: Boolean!) {\n      switchHighVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation SwitchHighVoltage($on: Boolean!) {\n      switchHighVoltage(on: $on) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SetChannelVoltage($channelId: ID!, $kind: SupplyKind!, $volts: Float!) {\n      setChannelVoltage(channelId: $channelId, kind: $kind, volts: $volts) {\n        ...CommandOutcome\n      }\n    }\n  "): (typeof documents)["\n    mutation SetChannelVoltage($channelId: ID!, $kind: SupplyKind!, $volts: Float!) {\n      setChannelVoltage(channelId: $channelId, kind: $kind, volts: $volts) {\n        ...CommandOutcome\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation AssignExecutive($ousId: ID!, $executive: Executive!) {\n      assignExecutive(ousId: $ousId, executive: $executive) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation AssignExecutive($ousId: ID!, $executive: Executive!) {\n      assignExecutive(ousId: $ousId, executive: $executive) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation StartReview($ousId: ID!) {\n      startReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation StartReview($ousId: ID!) {\n      startReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation CancelReview($ousId: ID!) {\n      cancelReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation CancelReview($ousId: ID!) {\n      cancelReview(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation SubmitQa2($ousId: ID!, $score: Qa2Score!, $comment: String) {\n      submitQa2(ousId: $ousId, score: $score, comment: $comment) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation SubmitQa2($ousId: ID!, $score: Qa2Score!, $comment: String) {\n      submitQa2(ousId: $ousId, score: $score, comment: $comment) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation Requeue($ousId: ID!) {\n      requeue(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation Requeue($ousId: ID!) {\n      requeue(ousId: $ousId) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ReportQa3Issue($ousId: ID!, $note: String!) {\n      reportQa3Issue(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation ReportQa3Issue($ousId: ID!, $note: String!) {\n      reportQa3Issue(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    mutation ResolveQa3($ousId: ID!, $note: String) {\n      resolveQa3(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  "): (typeof documents)["\n    mutation ResolveQa3($ousId: ID!, $note: String) {\n      resolveQa3(ousId: $ousId, note: $note) {\n        id\n        state\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query OusRecords($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        pipelineRuns {\n          run\n          executive\n          status\n          startedAt\n          finishedAt\n          exitCode\n        }\n        pipelineReports {\n          run\n          finalScore\n          scores {\n            dataset\n            flagging\n            calibration\n            imaging\n          }\n          reportDate\n          processingTime\n          casaVersion\n          pipelineVersion\n          weblog {\n            fileName\n          }\n        }\n        products {\n          run\n          fileName\n          kind\n          size\n          sha256\n          site\n          replicaPath\n          replicatedAt\n          archiveFileId\n          archivedAt\n        }\n        deliveryStatus {\n          run\n          complete\n          productCount\n          archivedCount\n          problem\n          updatedAt\n        }\n      }\n    }\n  "): (typeof documents)["\n    query OusRecords($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        pipelineRuns {\n          run\n          executive\n          status\n          startedAt\n          finishedAt\n          exitCode\n        }\n        pipelineReports {\n          run\n          finalScore\n          scores {\n            dataset\n            flagging\n            calibration\n            imaging\n          }\n          reportDate\n          processingTime\n          casaVersion\n          pipelineVersion\n          weblog {\n            fileName\n          }\n        }\n        products {\n          run\n          fileName\n          kind\n          size\n          sha256\n          site\n          replicaPath\n          replicatedAt\n          archiveFileId\n          archivedAt\n        }\n        deliveryStatus {\n          run\n          complete\n          productCount\n          archivedCount\n          problem\n          updatedAt\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommandOutcome on CommandResult {\n    accepted\n    reason\n  }\n"): (typeof documents)["\n  fragment CommandOutcome on CommandResult {\n    accepted\n    reason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment StandGuards on Query {\n      interlocks {\n        id\n        description\n        ok\n        reason\n      }\n      powerSupply {\n        system\n        lvOn\n        hvOn\n        modules {\n          module\n          state\n        }\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n        }\n      }\n    }\n  "): (typeof documents)["\n    fragment StandGuards on Query {\n      interlocks {\n        id\n        description\n        ok\n        reason\n      }\n      powerSupply {\n        system\n        lvOn\n        hvOn\n        modules {\n          module\n          state\n        }\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    fragment DeviceGates on Device {\n      controls {\n        command\n        allowed\n        reason\n        blockedBy\n        limits {\n          min\n          max\n          unit\n        }\n      }\n    }\n  "): (typeof documents)["\n    fragment DeviceGates on Device {\n      controls {\n        command\n        allowed\n        reason\n        blockedBy\n        limits {\n          min\n          max\n          unit\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DcsPage {\n      devices {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n        latest {\n          metric\n          value\n          at\n        }\n        ...DeviceGates\n      }\n      ...StandGuards\n    }\n  "): (typeof documents)["\n    query DcsPage {\n      devices {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n        latest {\n          metric\n          value\n          at\n        }\n        ...DeviceGates\n      }\n      ...StandGuards\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DcsGuards {\n      ...StandGuards\n      devices {\n        id\n        ...DeviceGates\n      }\n    }\n  "): (typeof documents)["\n    query DcsGuards {\n      ...StandGuards\n      devices {\n        id\n        ...DeviceGates\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription DcsReadings {\n      readingsAdded {\n        deviceId\n        metric\n        value\n        at\n      }\n    }\n  "): (typeof documents)["\n    subscription DcsReadings {\n      readingsAdded {\n        deviceId\n        metric\n        value\n        at\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription DcsDeviceStates {\n      deviceStateChanged {\n        id\n        state\n        online\n        lastSeenAt\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n          limits {\n            min\n            max\n            unit\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription DcsDeviceStates {\n      deviceStateChanged {\n        id\n        state\n        online\n        lastSeenAt\n        controls {\n          command\n          allowed\n          reason\n          blockedBy\n          limits {\n            min\n            max\n            unit\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query DevicePage($id: ID!, $first: Int, $after: String) {\n      device(id: $id) {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n      }\n      deviceCommands(deviceId: $id, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            status\n            accepted\n            result\n            reason\n            system\n            issuedBy {\n              username\n            }\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query DevicePage($id: ID!, $first: Int, $after: String) {\n      device(id: $id) {\n        id\n        name\n        kind\n        state\n        online\n        lastSeenAt\n      }\n      deviceCommands(deviceId: $id, first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            at\n            kind\n            status\n            accepted\n            result\n            reason\n            system\n            issuedBy {\n              username\n            }\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query OusPage($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        programId\n        state\n        substate\n        executive\n        recipe\n        createdAt\n        updatedAt\n        availableActions {\n          action\n          allowed\n          reason\n          blockedBy\n        }\n        history {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query OusPage($id: ID!) {\n      obsUnitSet(id: $id) {\n        id\n        programId\n        state\n        substate\n        executive\n        recipe\n        createdAt\n        updatedAt\n        availableActions {\n          action\n          allowed\n          reason\n          blockedBy\n        }\n        history {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription OusMoves($ousId: ID!, $after: String) {\n      ousStateChanged(ousId: $ousId, after: $after) {\n        eventId\n        ous {\n          id\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n          availableActions {\n            action\n            allowed\n            reason\n            blockedBy\n          }\n        }\n        transition {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription OusMoves($ousId: ID!, $after: String) {\n      ousStateChanged(ousId: $ousId, after: $after) {\n        eventId\n        ous {\n          id\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n          availableActions {\n            action\n            allowed\n            reason\n            blockedBy\n          }\n        }\n        transition {\n          from\n          to\n          substate\n          at\n          reason\n          systemActor\n          actor {\n            username\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query BoardColumn($state: OusState!, $programId: String, $first: Int) {\n      obsUnitSets(state: $state, programId: $programId, first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            programId\n            state\n            substate\n            executive\n            recipe\n            updatedAt\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    query BoardColumn($state: OusState!, $programId: String, $first: Int) {\n      obsUnitSets(state: $state, programId: $programId, first: $first) {\n        totalCount\n        edges {\n          node {\n            id\n            programId\n            state\n            substate\n            executive\n            recipe\n            updatedAt\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    query BoardCounts($programId: String) {\n      obsUnitSetCounts(programId: $programId) {\n        state\n        count\n      }\n    }\n  "): (typeof documents)["\n    query BoardCounts($programId: String) {\n      obsUnitSetCounts(programId: $programId) {\n        state\n        count\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription BoardMoves($programId: String, $after: String) {\n      ousStateChanged(programId: $programId, after: $after) {\n        eventId\n        ous {\n          id\n          programId\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n        }\n        transition {\n          from\n          to\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription BoardMoves($programId: String, $after: String) {\n      ousStateChanged(programId: $programId, after: $after) {\n        eventId\n        ous {\n          id\n          programId\n          state\n          substate\n          executive\n          recipe\n          updatedAt\n        }\n        transition {\n          from\n          to\n        }\n      }\n    }\n  "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;