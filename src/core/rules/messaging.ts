// Message brokers and streams deleting topics, queues and streams, or purging their messages: the events in them
// are often the only record of what happened. Search-index deletes over HTTP (Elasticsearch, OpenSearch,
// Meilisearch, Algolia) are the http pack's DELETE rules; `algolia indices delete` is cloud.platform-delete.
import { cliRule } from './lib/cli_rule';
import { hasOption, optionValue } from './lib/words';
import type { ShellRule } from './types';

const KAFKA = ['kafka-configs', 'kafka-configs.sh', 'kafka-acls', 'kafka-acls.sh', 'kafka-topics', 'kafka-topics.sh', 'kafka-consumer-groups', 'kafka-consumer-groups.sh', 'kafka-delete-records', 'kafka-delete-records.sh', 'kafka-streams-application-reset', 'kafka-streams-application-reset.sh'];

export const MESSAGING_RULES: readonly ShellRule[] = [
  cliRule({
    pack: 'messaging',
    name: 'kafka-delete',
    clis: [...KAFKA, 'rpk', 'kcat', 'kaf', 'pulsar-admin'],
    severity: 'critical',
    reason: 'Deletes Kafka/Redpanda/Pulsar topics, records or consumer groups, or resets a group\'s offsets; the events in them are gone (or skipped).',
    valued: ['--bootstrap-server', '--topic', '--group', '--entity-type', '--entity-name', '--operation', '--allow-principal', '--deny-principal', '--command-config', '--zookeeper', '--offset-json-file', '-X', '--brokers', '--config', '--partitions', '--replication-factor'],
    test(w, v) {
      if (v.name.startsWith('kafka-delete-records') || v.name.startsWith('kafka-streams-application-reset')) return `records ${v.args.join(' ').slice(0, 60)}`;
      // `--add-config retention.ms=1` (or retention.bytes=0…): the broker deletes the topic's records at once
      const added = [optionValue(v.args, ['--add-config']), optionValue(v.args, ['--config'])].filter((x): x is string => x !== undefined).join(',');
      if (/(?:^|,)\s*(?:retention\.ms|log\.retention\.ms|retention\.bytes|log\.retention\.bytes|segment\.ms)\s*=\s*(?:[0-9]{1,4})\s*(?:,|$)/.test(added) && (v.name.startsWith('kafka-configs') || v.name.startsWith('kafka-topics')) && hasOption(v.args, ['--alter'])) return `records of ${optionValue(v.args, ['--entity-name', '--topic']) ?? 'the topic'} (retention set to almost nothing)`;
      if (v.name === 'rpk' && w[0] === 'topic' && w[1] === 'alter-config' && /\bretention\.(?:ms|bytes)\s*=\s*[0-9]{1,4}\b/.test(v.args.join(' '))) return `records of ${w[2] ?? 'the topic'} (retention set to almost nothing)`;
      if (v.name.startsWith('kafka-configs')) return hasOption(v.args, ['--delete-config']) ? `config ${optionValue(v.args, ['--entity-name']) ?? ''}`.trim() : undefined;
      if (v.name.startsWith('kafka-acls')) return hasOption(v.args, ['--remove']) ? `ACLs ${optionValue(v.args, ['--topic', '--group']) ?? ''}`.trim() : undefined;
      // --reset-offsets moves a group's position (skipping or replaying events); without --execute it is a dry run.
      if (v.name.startsWith('kafka-consumer-groups') && hasOption(v.args, ['--reset-offsets']) && hasOption(v.args, ['--execute'])) return `offsets of group ${optionValue(v.args, ['--group']) ?? (hasOption(v.args, ['--all-groups']) ? 'all groups' : '')}`.trim();
      if (v.name.startsWith('kafka-')) {
        if (!hasOption(v.args, ['--delete', '--delete-offsets'])) return undefined;
        const i = v.args.findIndex((a) => a === '--topic' || a === '--group');
        return i >= 0 ? `${v.args[i].slice(2)} ${v.args[i + 1] ?? ''}` : 'topics';
      }
      if (v.name === 'rpk') return (w[0] === 'topic' || w[0] === 'group') && (w[1] === 'delete' || w[1] === 'trim-prefix') ? `${w[0]} ${w.slice(2).join(' ')}`.trim() : undefined;
      if (v.name === 'kaf') return (w[0] === 'topic' || w[0] === 'group') && (w[1] === 'delete' || w[1] === 'rm') ? `${w[0]} ${w[2] ?? ''}`.trim() : undefined;
      if (v.name === 'pulsar-admin') return w.slice(0, 3).some((x) => x === 'delete' || x === 'delete-partitioned-topic' || x === 'clear-backlog') ? w.slice(0, 3).join(' ') : undefined;
      return undefined;
    },
    examples: {
      flag: ['kafka-topics --bootstrap-server b:9092 --delete --topic orders', 'kafka-topics.sh --delete --topic orders --bootstrap-server b:9092', 'kafka-consumer-groups --bootstrap-server b:9092 --delete --group billing', 'kafka-delete-records --bootstrap-server b:9092 --offset-json-file o.json', 'rpk topic delete orders', 'rpk topic delete -r "orders.*"', 'pulsar-admin topics delete persistent://t/ns/orders', 'kafka-configs --bootstrap-server b:9092 --alter --delete-config retention.ms --entity-type topics --entity-name logs', 'kafka-acls --bootstrap-server b:9092 --remove --topic payments --operation All', 'kafka-consumer-groups --bootstrap-server b:9092 --group billing --topic orders --reset-offsets --to-latest --execute', 'kafka-consumer-groups.sh --bootstrap-server b:9092 --all-groups --all-topics --reset-offsets --to-earliest --execute', 'kafka-configs --bootstrap-server kafka:9092 --alter --entity-type topics --entity-name orders --add-config retention.ms=1', 'rpk topic alter-config orders --set retention.ms=100'],
      allow: ['kafka-consumer-groups --bootstrap-server b:9092 --reset-offsets --group analytics --topic orders --to-earliest --dry-run', 'kafka-consumer-groups --bootstrap-server b:9092 --reset-offsets --group analytics --topic orders', 'kafka-topics --bootstrap-server b:9092 --list', 'kafka-topics --create --topic x --bootstrap-server b:9092', 'kafka-consumer-groups --bootstrap-server b:9092 --describe --group g', 'rpk topic list', 'rpk topic consume orders', 'pulsar-admin topics list t/ns', 'kafka-configs --bootstrap-server b:9092 --describe --entity-type topics', 'kafka-acls --bootstrap-server b:9092 --list', 'kafka-configs --bootstrap-server kafka:9092 --alter --entity-type topics --entity-name orders --add-config retention.ms=604800000'],
    },
  }),
  cliRule({
    pack: 'messaging',
    name: 'queue-delete',
    clis: ['rabbitmqadmin', 'rabbitmqctl', 'nats', 'celery', 'amqp-delete-queue', 'beanstalkctl', 'aws', 'awslocal'],
    severity: 'high',
    reason: 'Deletes or purges queues, exchanges, vhosts or streams (RabbitMQ, NATS JetStream, Celery); queued messages are lost.',
    valued: ['--profile', '--region', '--output', '--endpoint-url', '-H', '--host', '-P', '--port', '-V', '--vhost', '-u', '--username', '-p', '--password', '-n', '--node', '-s', '--server', '--context', '--creds', '-A', '--app', '-Q', '--queues'],
    test(w, v) {
      if (v.name === 'rabbitmqadmin') return (w[0] === 'delete' || w[0] === 'purge') && w[1] !== undefined ? `${w[1]} ${w.slice(2).join(' ')}`.trim() : undefined;
      // remove-permission: the publishers or consumers it let in start failing, and what they would have sent is lost.
      if (v.name === 'aws' || v.name === 'awslocal') return (w[0] === 'sns' && /^(unsubscribe|delete-topic|delete-platform-application|remove-permission)$/.test(w[1] ?? '')) || (w[0] === 'sqs' && /^(purge-queue|delete-queue|remove-permission)$/.test(w[1] ?? '')) ? `${w[0]} ${w[1]}` : undefined;
      // forget_cluster_node drops a node (and the queue replicas only it held) from the cluster for good.
      if (v.name === 'rabbitmqctl') return /^(delete_queue|purge_queue|delete_vhost|reset|force_reset|delete_user|clear_policy|clear_permissions|forget_cluster_node)$/.test(w[0] ?? '') ? `${w[0]} ${w[1] ?? ''}`.trim() : undefined;
      if (v.name === 'nats') {
        const family = w[0] === 'str' ? 'stream' : w[0] === 'con' ? 'consumer' : w[0];
        return ['stream', 'consumer', 'kv', 'object', 'obj', 'bucket'].includes(family ?? '') && ['rm', 'del', 'delete', 'purge', 'remove', 'rmm'].includes(w[1] ?? '') ? `${family} ${w.slice(2).join(' ')}`.trim() : undefined;
      }
      if (v.name === 'celery') return w[0] === 'purge' && !hasOption(v.args, ['--help']) ? 'celery queues' : undefined;
      if (v.name === 'amqp-delete-queue') return 'queue';
      return w[0] === 'delete' || w[0] === 'kick' ? 'jobs' : undefined;
    },
    examples: {
      flag: ['rabbitmqadmin delete queue name=orders', 'rabbitmqadmin purge queue name=orders', 'rabbitmqctl delete_queue orders', 'rabbitmqctl purge_queue orders', 'rabbitmqctl reset', 'nats stream rm ORDERS -f', 'nats stream purge ORDERS', 'nats kv del CONFIG', 'celery -A app purge -f', 'rabbitmqctl clear_permissions -p /prod deployer', 'nats bucket delete CONFIG', 'aws sns unsubscribe --subscription-arn arn:aws:sns:us-east-1:1:alerts:abcd', 'rabbitmqctl forget_cluster_node rabbit@node2', 'rabbitmqctl forget_cluster_node --offline rabbit@node2', 'aws sns remove-permission --topic-arn arn:aws:sns:us-east-1:1:orders --label publish', 'aws sqs remove-permission --queue-url https://sqs.us-east-1.amazonaws.com/1/q --label send', 'aws sns delete-topic --topic-arn arn:aws:sns:us-east-1:1:orders'],
      allow: ['rabbitmqadmin list queues', 'rabbitmqadmin declare queue name=orders', 'rabbitmqctl list_queues', 'nats stream ls', 'nats stream info ORDERS', 'nats kv get CONFIG k', 'celery -A app worker', 'aws sns publish --topic-arn arn:x --message hi', 'aws sqs send-message --queue-url q --message-body x', 'aws sns add-permission --topic-arn arn:x --label L --aws-account-id 1 --action-name Publish', 'rabbitmqctl cluster_status', 'aws sqs get-queue-attributes --queue-url q'],
    },
  }),
];
