package io.github.authkitservlet.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * One server of a multi-server test: an embedded Tomcat 10.1 on loopback running one WAR, which
 * it can stop and start again. The WAR carries its own Hazelcast (in WEB-INF/lib), so each node's
 * web application embeds its own Hazelcast member, as on separate machines.
 */
final class ServerNode implements AutoCloseable {

  private final String name;
  private final File war;
  private final String contextPath;
  private final int port;
  private Tomcat tomcat;
  private Context context;

  ServerNode(String name, File war, String contextPath, int port) {
    this.name = name;
    this.war = war;
    this.contextPath = contextPath;
    this.port = port;
  }

  /** A free port on loopback, for a node or the emulator's webhook address, known before anything starts. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start() throws LifecycleException {
    Path base = Path.of("target", "cluster-it", name).toAbsolutePath();
    deleteRecursively(base);
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setHostname("localhost");
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Path webapps = base.resolve("webapps");
    try {
      Files.createDirectories(webapps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tomcat.getHost().setAppBase(webapps.toString());
    context = tomcat.addWebapp(contextPath, war.getAbsolutePath());
    tomcat.start();
  }

  void stop() throws LifecycleException {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
      tomcat = null;
    }
  }

  /** The application's address on this node, ending with a slash. */
  URI base() {
    return URI.create("http://localhost:" + port + contextPath + "/");
  }

  URI app(String path) {
    return base().resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** How many members this node's Hazelcast sees in its cluster (0 when it has none running). */
  int gridMembers() {
    try {
      ClassLoader loader = context.getLoader().getClassLoader();
      Set<?> instances = (Set<?>) hazelcast(loader).getMethod("getAllHazelcastInstances").invoke(null);
      int most = 0;
      for (Object instance : instances) {
        Object cluster = Class.forName("com.hazelcast.core.HazelcastInstance", true, loader)
            .getMethod("getCluster").invoke(instance);
        Method members = Class.forName("com.hazelcast.cluster.Cluster", true, loader).getMethod("getMembers");
        most = Math.max(most, ((Set<?>) members.invoke(cluster)).size());
      }
      return most;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot look into node " + name + "'s Hazelcast", e);
    }
  }

  /** Stops this node's Hazelcast member, leaving its web application running (a grid failure). */
  void stopGridMember() {
    try {
      hazelcast(context.getLoader().getClassLoader()).getMethod("shutdownAll").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot stop node " + name + "'s Hazelcast", e);
    }
  }

  private static Class<?> hazelcast(ClassLoader loader) throws ClassNotFoundException {
    return Class.forName("com.hazelcast.core.Hazelcast", true, loader);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws LifecycleException {
    stop();
  }
}
