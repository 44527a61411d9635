<%@ page contentType="text/html;charset=UTF-8" pageEncoding="UTF-8" session="false" %>
<%@ taglib prefix="h" uri="/WEB-INF/html.tld" %>
<%-- "/" (public): the welcome page. Public paths still see the user when a session cookie is present. --%>
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>AuthKit example</title>
  <link rel="stylesheet" href="${pageContext.request.contextPath}/style.css">
</head>
<body>
<%@ include file="/WEB-INF/jsp/header.jspf" %>
<main>
  <h1>AuthKit example</h1>
  <p>A servlet application signed in with WorkOS AuthKit through <code>authkit-servlet</code>.</p>
  <ul>
    <li><a href="${pageContext.request.contextPath}/dashboard">Dashboard</a>: for any signed-in user.</li>
    <li><a href="${pageContext.request.contextPath}/organizations">Organizations</a>: yours, and a button to
      switch (sign in as <code>linus@example.com</code>, who is in two).</li>
    <li><a href="${pageContext.request.contextPath}/admin">Admin</a>: for the role <code>admin</code> only.</li>
    <li><a href="${pageContext.request.contextPath}/app.html">JavaScript page</a>: a front end calling
      <code>/api/me</code> with the session cookie.</li>
  </ul>
</main>
</body>
</html>
